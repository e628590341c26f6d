package org.shifo.terminology.lab;

import java.math.BigDecimal;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.shifo.terminology.LabCodeSystem;
import org.shifo.terminology.LabTest;

/**
 * Reads the text of a catalogue entry (a CSV row or a form) into values, collecting one {@link CatalogueRule}
 * per field that cannot be read, so an import with ten mistakes hears of all ten.
 */
final class LabTestRules {

    static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.\\-]{0,39}");
    static final Pattern LOINC = Pattern.compile("[0-9]{1,7}-[0-9]");
    static final Pattern PANEL = Pattern.compile("[A-Z0-9][A-Z0-9\\-]{0,19}");
    static final Pattern AGE = Pattern.compile("P[0-9]{1,4}[DWMY]");
    static final Pattern CONVERSION = Pattern.compile("(.+)=([0-9]+(?:\\.[0-9]+)?)(?:([+-])([0-9]+(?:\\.[0-9]+)?))?");
    static final int MAX_UNIT = 30;
    static final int MAX_NAME = 200;
    static final int MAX_SOURCE = 500;
    static final BigDecimal MAX_LIMIT = new BigDecimal("9999999999");

    private final List<CatalogueRule> rules = new ArrayList<>();

    List<CatalogueRule> rules() {
        return List.copyOf(rules);
    }

    boolean isValid() {
        return rules.isEmpty();
    }

    void add(CatalogueRule rule) {
        rules.add(rule);
    }

    void check() {
        if (!rules.isEmpty()) {
            throw new LabCatalogueRuleException(rules);
        }
    }

    @Nullable
    String code(String field, @Nullable String value) {
        String text = blankToNull(value);
        if (text == null) {
            rules.add(CatalogueRule.of(field, "required", "is required"));
            return null;
        }
        if (!CODE.matcher(text).matches()) {
            rules.add(CatalogueRule.of(
                    field, "malformed-code", "must be 1 to 40 letters, digits, dots or hyphens, such as 718-7"));
            return null;
        }
        return text;
    }

    @Nullable
    LabCodeSystem system(String field, @Nullable String value, @Nullable String code) {
        String text = blankToNull(value);
        LabCodeSystem system;
        try {
            system = text == null ? null : LabCodeSystem.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            system = null;
        }
        if (system == null) {
            rules.add(CatalogueRule.of(field, "unknown-system", "must be LOINC or LOCAL"));
            return null;
        }
        if (system == LabCodeSystem.LOINC
                && code != null
                && !LOINC.matcher(code).matches()) {
            rules.add(
                    CatalogueRule.of(field, "not-loinc", "a LOINC code is digits, a hyphen and a check digit (718-7)"));
            return null;
        }
        return system;
    }

    @Nullable
    String name(String field, @Nullable String value, boolean required) {
        String text = blankToNull(value);
        if (text == null) {
            if (required) {
                rules.add(CatalogueRule.of(field, "required", "is required"));
            }
            return null;
        }
        if (text.length() > MAX_NAME || text.chars().anyMatch(Character::isISOControl)) {
            rules.add(CatalogueRule.of(
                    field, "bad-text", "must be at most {0} characters without control characters", MAX_NAME));
            return null;
        }
        return text;
    }

    LabTest.ValueType valueType(String field, @Nullable String value) {
        String text = blankToNull(value);
        if (text == null) {
            return LabTest.ValueType.QUANTITY;
        }
        try {
            return LabTest.ValueType.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            rules.add(CatalogueRule.of(field, "unknown-value-type", "must be QUANTITY or TEXT"));
            return LabTest.ValueType.QUANTITY;
        }
    }

    @Nullable
    String unit(String field, @Nullable String value, boolean required) {
        String text = blankToNull(value);
        if (text == null) {
            if (required) {
                rules.add(CatalogueRule.of(field, "required", "is required"));
            }
            return null;
        }
        if (text.length() > MAX_UNIT || text.chars().anyMatch(c -> Character.isWhitespace(c) || c == ';')) {
            rules.add(CatalogueRule.of(field, "malformed-unit", "must be a UCUM unit such as mmol/L (no spaces)"));
            return null;
        }
        return text;
    }

    List<String> list(String field, @Nullable String value, Pattern pattern, String example) {
        String text = blankToNull(value);
        if (text == null) {
            return List.of();
        }
        List<String> items = new ArrayList<>();
        for (String item : text.split(";")) {
            String trimmed = item.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (!pattern.matcher(trimmed).matches()) {
                rules.add(
                        CatalogueRule.of(field, "malformed-item", "has an entry not like {0}: {1}", example, trimmed));
                continue;
            }
            if (!items.contains(trimmed)) {
                items.add(trimmed);
            }
        }
        return items;
    }

    /** {@code mg/dL=0.05551;mmol/mol=0.09148+2.152}: value in the test's unit = value × factor + offset. */
    List<LabTest.UnitConversion> conversions(String field, @Nullable String value, @Nullable String ownUnit) {
        String text = blankToNull(value);
        if (text == null) {
            return List.of();
        }
        List<LabTest.UnitConversion> conversions = new ArrayList<>();
        for (String item : text.split(";")) {
            String trimmed = item.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            var matcher = CONVERSION.matcher(trimmed);
            if (!matcher.matches()) {
                rules.add(CatalogueRule.of(
                        field, "malformed-conversion", "must be unit=factor or unit=factor+offset: {0}", trimmed));
                continue;
            }
            String unit = unit(field, matcher.group(1), true);
            BigDecimal factor = new BigDecimal(matcher.group(2));
            BigDecimal offset = matcher.group(4) == null ? BigDecimal.ZERO : new BigDecimal(matcher.group(4));
            if ("-".equals(matcher.group(3))) {
                offset = offset.negate();
            }
            if (unit == null) {
                continue;
            }
            if (factor.signum() <= 0) {
                rules.add(
                        CatalogueRule.of(field, "zero-factor", "a conversion factor must be above zero: {0}", trimmed));
                continue;
            }
            String key = LabTest.unitKey(unit);
            if ((ownUnit != null && LabTest.unitKey(ownUnit).equals(key))
                    || conversions.stream()
                            .anyMatch(c -> LabTest.unitKey(c.unit()).equals(key))) {
                rules.add(CatalogueRule.of(field, "duplicate-unit", "names a unit twice: {0}", unit));
                continue;
            }
            conversions.add(new LabTest.UnitConversion(unit, factor, offset));
        }
        return conversions;
    }

    @Nullable
    BigDecimal decimal(String field, @Nullable String value) {
        String text = blankToNull(value);
        if (text == null) {
            return null;
        }
        try {
            BigDecimal number = new BigDecimal(text.replace(',', '.'));
            if (number.signum() < 0 || number.compareTo(MAX_LIMIT) > 0 || number.scale() > 4) {
                throw new NumberFormatException("range");
            }
            return LabTest.plain(number);
        } catch (NumberFormatException malformed) {
            rules.add(CatalogueRule.of(
                    field, "malformed-number", "must be a number from 0 with at most 4 decimals, such as 5.5"));
            return null;
        }
    }

    @Nullable
    Period age(String field, @Nullable String value, @Nullable Period fallback) {
        String text = blankToNull(value);
        if (text == null) {
            return fallback;
        }
        String upper = text.toUpperCase(Locale.ROOT);
        if (!AGE.matcher(upper).matches()) {
            rules.add(CatalogueRule.of(
                    field, "malformed-age", "must be an age such as P28D, P6M or P18Y (days, months, years)"));
            return null;
        }
        return Period.parse(upper);
    }

    LabTest.@Nullable Sex sex(String field, @Nullable String value) {
        String text = blankToNull(value);
        if (text == null) {
            return LabTest.Sex.ANY;
        }
        try {
            return LabTest.Sex.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            rules.add(CatalogueRule.of(field, "unknown-sex", "must be ANY, MALE or FEMALE"));
            return null;
        }
    }

    @Nullable
    String source(String field, @Nullable String value, boolean required) {
        String text = blankToNull(value);
        if (text == null) {
            if (required) {
                rules.add(CatalogueRule.of(field, "source-required", "a reference range needs its source"));
            }
            return null;
        }
        if (text.length() > MAX_SOURCE || text.chars().anyMatch(Character::isISOControl)) {
            rules.add(CatalogueRule.of(
                    field, "bad-text", "must be at most {0} characters without control characters", MAX_SOURCE));
            return null;
        }
        return text;
    }

    /** A range from its parts; nothing when every part is blank; a rule when it is incomplete or upside down. */
    LabTest.@Nullable ReferenceRange range(
            String field,
            @Nullable String sexText,
            @Nullable String fromText,
            @Nullable String toText,
            @Nullable String lowText,
            @Nullable String highText,
            @Nullable String sourceText) {
        if (blankToNull(sexText) == null
                && blankToNull(fromText) == null
                && blankToNull(toText) == null
                && blankToNull(lowText) == null
                && blankToNull(highText) == null
                && blankToNull(sourceText) == null) {
            return null;
        }
        int before = rules.size();
        LabTest.Sex sex = sex(field + "sex", sexText);
        Period from = age(field + "age_from", fromText, Period.ZERO);
        Period to = age(field + "age_to", toText, null);
        BigDecimal low = decimal(field + "low", lowText);
        BigDecimal high = decimal(field + "high", highText);
        String source = source(field + "source", sourceText, true);
        if (rules.size() > before || sex == null || from == null || source == null) {
            return null;
        }
        if (low == null && high == null) {
            rules.add(CatalogueRule.of(field + "low", "no-limit", "a reference range needs a low or a high limit"));
            return null;
        }
        if (low != null && high != null && low.compareTo(high) > 0) {
            rules.add(CatalogueRule.of(field + "high", "range-order", "the high limit must not be below the low one"));
            return null;
        }
        if (to != null && !isBefore(from, to)) {
            rules.add(CatalogueRule.of(field + "age_to", "age-order", "the age band must end after it starts"));
            return null;
        }
        return new LabTest.ReferenceRange(sex, from, to, low, high, source);
    }

    void criticalOrder(String field, @Nullable BigDecimal low, @Nullable BigDecimal high) {
        if (low != null && high != null && low.compareTo(high) >= 0) {
            rules.add(CatalogueRule.of(field, "critical-order", "the critical high limit must be above the low one"));
        }
    }

    /** Compares two age bounds on a fixed birth date (a band's start must come before its end). */
    static boolean isBefore(Period from, Period to) {
        java.time.LocalDate birth = java.time.LocalDate.of(2000, 1, 1);
        return birth.plus(from).isBefore(birth.plus(to));
    }

    static @Nullable String blankToNull(@Nullable String value) {
        if (value == null) {
            return null;
        }
        String stripped = value.strip();
        return stripped.isEmpty() ? null : stripped;
    }
}
