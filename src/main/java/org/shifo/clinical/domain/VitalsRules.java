package org.shifo.clinical.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The two bands of every vital sign. Outside the physiologically possible band a value is a typing error and is
 * refused with the allowed range; inside it but clinically abnormal it is accepted and flagged with the rule
 * (docs/clinical.md lists them with their sources). Blood pressure, pulse, breathing rate and BMI are flagged
 * by adult norms only, from the 18th birthday: children's norms depend on age and height and are left to the
 * doctor rather than flagged wrongly.
 */
public final class VitalsRules {

    /** A measurement may be entered a little ahead of the server's clock (a ward clock, a slow phone). */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    static final BigDecimal BMI_MIN = new BigDecimal("5");
    static final BigDecimal BMI_MAX = new BigDecimal("200");

    /** A possible range of one measure, with its unit for the message. */
    record Band(String field, BigDecimal min, BigDecimal max, String unit) {

        static Band of(String field, String min, String max, String unit) {
            return new Band(field, new BigDecimal(min), new BigDecimal(max), unit);
        }

        @Nullable
        Violation check(@Nullable BigDecimal value) {
            if (value == null || (value.compareTo(min) >= 0 && value.compareTo(max) <= 0)) {
                return null;
            }
            String range = min.toPlainString() + "–" + max.toPlainString() + (unit.isEmpty() ? "" : " " + unit);
            return Violation.of(
                    field,
                    "impossible-value",
                    "is physiologically impossible: the allowed range is " + range,
                    min.toPlainString(),
                    max.toPlainString(),
                    unit);
        }
    }

    static final Band SYSTOLIC = Band.of("systolic", "50", "300", "mmHg");
    static final Band DIASTOLIC = Band.of("diastolic", "20", "200", "mmHg");
    static final Band PULSE = Band.of("pulse", "20", "300", "/min");
    static final Band RESPIRATORY_RATE = Band.of("respiratoryRate", "4", "80", "/min");
    static final Band TEMPERATURE = Band.of("temperatureC", "30", "45", "°C");
    static final Band SPO2 = Band.of("spo2", "50", "100", "%");
    static final Band WEIGHT = Band.of("weightKg", "0.3", "500", "kg");
    static final Band HEIGHT = Band.of("heightCm", "20", "272", "cm");
    static final Band PAIN = Band.of("painScore", "0", "10", "");

    /** What an accepted set of measurements adds: the computed BMI and the flags. */
    public record Outcome(
            @Nullable BigDecimal temperatureC,
            @Nullable BigDecimal weightKg,
            @Nullable BigDecimal heightCm,
            @Nullable BigDecimal bmi,
            List<VitalFlag> flags) {

        public Outcome {
            flags = List.copyOf(flags);
        }
    }

    private VitalsRules() {}

    /**
     * Checks one set of measurements of a patient born on {@code birthDate} (in the branch's zone) at {@code
     * now}; refuses every impossible value at once, else answers the rounded values, the BMI and the flags.
     *
     * @throws ClinicalRuleException 400 when nothing is measured or only half a blood pressure is; 422 for
     *     impossible values, a diastolic not below the systolic, an impossible BMI, or a time in the future or
     *     before birth
     */
    public static Outcome check(VitalSigns vitals, Instant now, LocalDate birthDate, ZoneId zone) {
        if (vitals.isEmpty()) {
            throw ClinicalRuleException.invalid(
                    Violation.of("vitals", "nothing-measured", "enter at least one measurement"));
        }
        if ((vitals.systolic() == null) != (vitals.diastolic() == null)) {
            String missing = vitals.systolic() == null ? "systolic" : "diastolic";
            throw ClinicalRuleException.invalid(Violation.of(
                    missing, "pressure-pair", "blood pressure needs both the systolic and the diastolic value"));
        }
        BigDecimal temperature = scaled(vitals.temperatureC(), 1);
        BigDecimal weight = scaled(vitals.weightKg(), 2);
        BigDecimal height = scaled(vitals.heightCm(), 1);
        List<Violation> violations = new ArrayList<>();
        add(violations, SYSTOLIC.check(decimal(vitals.systolic())));
        add(violations, DIASTOLIC.check(decimal(vitals.diastolic())));
        add(violations, PULSE.check(decimal(vitals.pulse())));
        add(violations, RESPIRATORY_RATE.check(decimal(vitals.respiratoryRate())));
        add(violations, TEMPERATURE.check(temperature));
        add(violations, SPO2.check(decimal(vitals.spo2())));
        add(violations, WEIGHT.check(weight));
        add(violations, HEIGHT.check(height));
        add(violations, PAIN.check(decimal(vitals.painScore())));
        Integer systolic = vitals.systolic();
        Integer diastolic = vitals.diastolic();
        if (systolic != null && diastolic != null && systolic <= diastolic) {
            violations.add(Violation.of(
                    "diastolic",
                    "diastolic-not-below-systolic",
                    "must be lower than the systolic pressure (" + systolic + " mmHg)",
                    systolic));
        }
        if (vitals.measuredAt().isAfter(now.plus(CLOCK_SKEW))) {
            violations.add(Violation.of("measuredAt", "in-future", "must not be in the future"));
        }
        Instant born = birthDate.atStartOfDay(zone).toInstant();
        if (vitals.measuredAt().isBefore(born)) {
            violations.add(Violation.of(
                    "measuredAt",
                    "before-birth",
                    "must not be before the patient's birth (" + birthDate + ")",
                    birthDate));
        }
        BigDecimal bmi = null;
        if (violations.isEmpty() && weight != null && height != null) {
            BigDecimal metres = height.movePointLeft(2);
            bmi = weight.divide(metres.multiply(metres), 1, RoundingMode.HALF_UP);
            if (bmi.compareTo(BMI_MIN) < 0 || bmi.compareTo(BMI_MAX) > 0) {
                violations.add(Violation.of(
                        "weightKg",
                        "impossible-bmi",
                        "with this height gives a BMI of " + bmi.toPlainString()
                                + ", which is impossible (allowed 5–200): check the weight and the height",
                        bmi.toPlainString()));
            }
        }
        if (!violations.isEmpty()) {
            throw ClinicalRuleException.refused(violations);
        }
        boolean adult = !Period.between(birthDate, LocalDate.ofInstant(vitals.measuredAt(), zone))
                .minusYears(18)
                .isNegative();
        List<VitalFlag> flags = new ArrayList<>();
        if (temperature != null) {
            temperatureFlag(temperature, flags);
        }
        Integer spo2 = vitals.spo2();
        if (spo2 != null) {
            if (spo2 < 90) {
                flags.add(VitalFlag.of("spo2", "severe-hypoxaemia", "SpO2 below 90 %: severe hypoxaemia", 90));
            } else if (spo2 < 95) {
                flags.add(VitalFlag.of("spo2", "low-saturation", "SpO2 below 95 %: low oxygen saturation", 95));
            }
        }
        Integer pain = vitals.painScore();
        if (pain != null && pain >= 7) {
            flags.add(VitalFlag.of("painScore", "severe-pain", "pain 7–10 of 10: severe pain", 7));
        }
        if (adult) {
            if (systolic != null && diastolic != null) {
                pressureFlag(systolic, diastolic, flags);
            }
            Integer pulse = vitals.pulse();
            if (pulse != null && pulse > 100) {
                flags.add(VitalFlag.of("pulse", "tachycardia", "pulse above 100/min: tachycardia", 100));
            } else if (pulse != null && pulse < 60) {
                flags.add(VitalFlag.of("pulse", "bradycardia", "pulse below 60/min: bradycardia", 60));
            }
            Integer breathing = vitals.respiratoryRate();
            if (breathing != null && breathing > 20) {
                flags.add(VitalFlag.of("respiratoryRate", "tachypnoea", "breathing rate above 20/min: tachypnoea", 20));
            } else if (breathing != null && breathing < 12) {
                flags.add(VitalFlag.of("respiratoryRate", "bradypnoea", "breathing rate below 12/min: bradypnoea", 12));
            }
            if (bmi != null) {
                bmiFlag(bmi, flags);
            }
        }
        return new Outcome(temperature, weight, height, bmi, flags);
    }

    private static void temperatureFlag(BigDecimal temperature, List<VitalFlag> flags) {
        if (temperature.compareTo(new BigDecimal("40.0")) >= 0) {
            flags.add(VitalFlag.of("temperatureC", "hyperpyrexia", "40.0 °C or higher: hyperpyrexia", "40.0"));
        } else if (temperature.compareTo(new BigDecimal("38.0")) >= 0) {
            flags.add(VitalFlag.of("temperatureC", "fever", "38.0 °C or higher: fever", "38.0"));
        } else if (temperature.compareTo(new BigDecimal("37.5")) >= 0) {
            flags.add(VitalFlag.of("temperatureC", "subfebrile", "37.5–37.9 °C: subfebrile temperature", "37.5"));
        } else if (temperature.compareTo(new BigDecimal("35.0")) < 0) {
            flags.add(VitalFlag.of("temperatureC", "hypothermia", "below 35.0 °C: hypothermia", "35.0"));
        }
    }

    /** ESH 2023 office blood pressure grades: the higher of the systolic and the diastolic grade counts. */
    private static void pressureFlag(int systolic, int diastolic, List<VitalFlag> flags) {
        if (systolic >= 180 || diastolic >= 110) {
            flags.add(VitalFlag.of(
                    "systolic", "hypertension-grade-3", "180/110 mmHg or higher: grade 3 hypertension", 180, 110));
        } else if (systolic >= 160 || diastolic >= 100) {
            flags.add(VitalFlag.of(
                    "systolic", "hypertension-grade-2", "160–179/100–109 mmHg: grade 2 hypertension", 160, 100));
        } else if (systolic >= 140 || diastolic >= 90) {
            flags.add(VitalFlag.of(
                    "systolic", "hypertension-grade-1", "140–159/90–99 mmHg: grade 1 hypertension", 140, 90));
        } else if (systolic < 90 || diastolic < 60) {
            flags.add(VitalFlag.of("systolic", "hypotension", "below 90/60 mmHg: hypotension", 90, 60));
        }
    }

    /** WHO adult BMI classes. */
    private static void bmiFlag(BigDecimal bmi, List<VitalFlag> flags) {
        if (bmi.compareTo(new BigDecimal("40")) >= 0) {
            flags.add(VitalFlag.of("bmi", "obesity-class-3", "BMI 40 or higher: obesity class III", "40"));
        } else if (bmi.compareTo(new BigDecimal("35")) >= 0) {
            flags.add(VitalFlag.of("bmi", "obesity-class-2", "BMI 35–39.9: obesity class II", "35"));
        } else if (bmi.compareTo(new BigDecimal("30")) >= 0) {
            flags.add(VitalFlag.of("bmi", "obesity-class-1", "BMI 30–34.9: obesity class I", "30"));
        } else if (bmi.compareTo(new BigDecimal("25")) >= 0) {
            flags.add(VitalFlag.of("bmi", "overweight", "BMI 25–29.9: overweight", "25"));
        } else if (bmi.compareTo(new BigDecimal("18.5")) < 0) {
            flags.add(VitalFlag.of("bmi", "underweight", "BMI below 18.5: underweight", "18.5"));
        }
    }

    private static void add(List<Violation> violations, @Nullable Violation violation) {
        if (violation != null) {
            violations.add(violation);
        }
    }

    private static @Nullable BigDecimal decimal(@Nullable Integer value) {
        return value == null ? null : BigDecimal.valueOf(value);
    }

    private static @Nullable BigDecimal scaled(@Nullable BigDecimal value, int scale) {
        return value == null ? null : value.setScale(scale, RoundingMode.HALF_UP);
    }
}
