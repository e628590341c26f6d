package org.shifo.terminology;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One test of a clinic's laboratory catalogue, shaped like FHIR {@code ObservationDefinition}: its code (LOINC
 * where one exists, else a local code) and aliases, names per language, the type of its value, the unit results
 * are kept in (UCUM) with the units it converts from, reference ranges by sex and age band with their source,
 * critical limits, and the panels it belongs to.
 *
 * @param replaceWithLaboratoryRanges the ranges are Shifo's defaults, to be replaced by the laboratory's own
 * @param impossibleAbove a value above this (in the test's unit) cannot be a measurement (100 % of something)
 */
public record LabTest(
        String code,
        LabCodeSystem system,
        List<String> aliases,
        Map<String, String> names,
        ValueType valueType,
        String unit,
        List<UnitConversion> conversions,
        List<ReferenceRange> ranges,
        @Nullable BigDecimal criticalLow,
        @Nullable BigDecimal criticalHigh,
        String criticalSource,
        @Nullable BigDecimal impossibleAbove,
        boolean replaceWithLaboratoryRanges,
        List<String> panels,
        boolean active,
        int sortOrder) {

    /** Significant digits a converted value keeps. */
    public static final MathContext PRECISION = new MathContext(8);

    public LabTest {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(system, "system");
        aliases = List.copyOf(aliases);
        names = Map.copyOf(names);
        Objects.requireNonNull(valueType, "valueType");
        Objects.requireNonNull(unit, "unit");
        conversions = List.copyOf(conversions);
        ranges = List.copyOf(ranges);
        Objects.requireNonNull(criticalSource, "criticalSource");
        panels = List.copyOf(panels);
    }

    /** What a result's value is: a number with a unit, or text (such as "negative"). */
    public enum ValueType {
        QUANTITY,
        TEXT
    }

    /** The sex a reference range applies to. */
    public enum Sex {
        ANY,
        MALE,
        FEMALE
    }

    /**
     * A unit the test accepts besides its own: {@code value in the test's unit = value × factor + offset}.
     *
     * @param unit the UCUM unit ({@code mg/dL})
     */
    public record UnitConversion(String unit, BigDecimal factor, BigDecimal offset) {

        public UnitConversion {
            Objects.requireNonNull(unit, "unit");
            if (factor.signum() <= 0) {
                throw new IllegalArgumentException("a conversion factor is positive");
            }
            Objects.requireNonNull(offset, "offset");
        }
    }

    /**
     * A reference range for a sex and an age band {@code [ageFrom, ageTo)} (an open end when {@code ageTo} is
     * null); either limit may be open, for a cut-off. The source says where the values come from.
     */
    public record ReferenceRange(
            Sex sex,
            Period ageFrom,
            @Nullable Period ageTo,
            @Nullable BigDecimal low,
            @Nullable BigDecimal high,
            String source) {

        public ReferenceRange {
            Objects.requireNonNull(sex, "sex");
            Objects.requireNonNull(ageFrom, "ageFrom");
            Objects.requireNonNull(source, "source");
            if (low == null && high == null) {
                throw new IllegalArgumentException("a reference range has a low or a high limit");
            }
            if (low != null && high != null && low.compareTo(high) > 0) {
                throw new IllegalArgumentException("a reference range's low limit is not above its high limit");
            }
        }

        /** Whether a patient born on {@code birthDate} is in the age band on {@code date}. */
        public boolean coversAge(LocalDate birthDate, LocalDate date) {
            Period to = ageTo;
            return !birthDate.plus(ageFrom).isAfter(date)
                    && (to == null || birthDate.plus(to).isAfter(date));
        }
    }

    /** This test with these reference ranges. */
    public LabTest withRanges(List<ReferenceRange> replacement) {
        return new LabTest(
                code,
                system,
                aliases,
                names,
                valueType,
                unit,
                conversions,
                replacement,
                criticalLow,
                criticalHigh,
                criticalSource,
                impossibleAbove,
                replaceWithLaboratoryRanges,
                panels,
                active,
                sortOrder);
    }

    /** This test at another position of the catalogue. */
    public LabTest withSortOrder(int position) {
        return new LabTest(
                code,
                system,
                aliases,
                names,
                valueType,
                unit,
                conversions,
                ranges,
                criticalLow,
                criticalHigh,
                criticalSource,
                impossibleAbove,
                replaceWithLaboratoryRanges,
                panels,
                active,
                position);
    }

    /** The name in {@code language} (uz, ru, en), else in English. */
    public String name(String language) {
        String name = names.get(language);
        return name != null ? name : Objects.requireNonNullElse(names.get("en"), code);
    }

    public String name(Locale locale) {
        return name(locale.getLanguage());
    }

    /** Whether the test is known by this code: its own, or one of its aliases. */
    public boolean isKnownAs(String text) {
        return code.equalsIgnoreCase(text) || aliases.stream().anyMatch(alias -> alias.equalsIgnoreCase(text));
    }

    /** Every unit a result may be entered in: the test's own first. */
    public List<String> permittedUnits() {
        return java.util.stream.Stream.concat(
                        java.util.stream.Stream.of(unit), conversions.stream().map(UnitConversion::unit))
                .toList();
    }

    /**
     * The permitted unit written as {@code entered} (ignoring case, {@code µ} for {@code u} and UCUM's square
     * brackets, so {@code µmol/l} is {@code umol/L} and {@code mIU/L} is {@code m[IU]/L}).
     */
    public Optional<String> permittedUnit(String entered) {
        String wanted = unitKey(entered);
        return permittedUnits().stream().filter(u -> unitKey(u).equals(wanted)).findFirst();
    }

    /** The value in the test's own unit; empty when the unit is not permitted. */
    public Optional<BigDecimal> toCatalogueUnit(BigDecimal value, String enteredUnit) {
        return permittedUnit(enteredUnit).map(permitted -> {
            if (permitted.equals(unit)) {
                return value;
            }
            UnitConversion conversion = conversions.stream()
                    .filter(c -> c.unit().equals(permitted))
                    .findFirst()
                    .orElseThrow();
            return plain(
                    value.multiply(conversion.factor()).add(conversion.offset()).round(PRECISION));
        });
    }

    /**
     * The reference range for a patient of this sex ({@code null} when the record says neither male nor female)
     * and age on {@code date}: the first range of the patient's sex covering the age, else the first of any
     * sex. For a patient of another or unknown sex with only sex-specific ranges, the range spanning both
     * (lowest low, highest high), so only what is abnormal for either sex is flagged.
     */
    public Optional<ReferenceRange> rangeFor(@Nullable Sex sex, LocalDate birthDate, LocalDate date) {
        List<ReferenceRange> ofAge =
                ranges.stream().filter(r -> r.coversAge(birthDate, date)).toList();
        if (sex != null && sex != Sex.ANY) {
            Optional<ReferenceRange> own =
                    ofAge.stream().filter(r -> r.sex() == sex).findFirst();
            if (own.isPresent()) {
                return own;
            }
        }
        Optional<ReferenceRange> any =
                ofAge.stream().filter(r -> r.sex() == Sex.ANY).findFirst();
        if (any.isPresent() || (sex != null && sex != Sex.ANY)) {
            return any;
        }
        Optional<ReferenceRange> male =
                ofAge.stream().filter(r -> r.sex() == Sex.MALE).findFirst();
        Optional<ReferenceRange> female =
                ofAge.stream().filter(r -> r.sex() == Sex.FEMALE).findFirst();
        if (male.isEmpty() || female.isEmpty()) {
            return male.or(() -> female);
        }
        ReferenceRange m = male.get();
        ReferenceRange f = female.get();
        return Optional.of(new ReferenceRange(
                Sex.ANY,
                m.ageFrom(),
                m.ageTo(),
                lower(m.low(), f.low()),
                higher(m.high(), f.high()),
                m.source().equals(f.source()) ? m.source() : m.source() + "; " + f.source()));
    }

    private static @Nullable BigDecimal lower(@Nullable BigDecimal a, @Nullable BigDecimal b) {
        return a == null || b == null ? null : a.min(b);
    }

    private static @Nullable BigDecimal higher(@Nullable BigDecimal a, @Nullable BigDecimal b) {
        return a == null || b == null ? null : a.max(b);
    }

    /** The number without trailing zeros and never in exponent notation ({@code 100}, not {@code 1E+2}). */
    public static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /** How units written in different ways are compared: {@code µmol/l} is {@code umol/L}, {@code mIU/L} {@code m[IU]/L}. */
    public static String unitKey(String unit) {
        return unit.strip()
                .replace('µ', 'u')
                .replace('μ', 'u')
                .replace("[", "")
                .replace("]", "")
                .toLowerCase(Locale.ROOT);
    }
}
