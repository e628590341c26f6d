package org.shifo.clinical.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VitalsRulesTests {

    static final Instant NOW = Instant.parse("2026-11-22T07:00:00Z");
    static final ZoneId TASHKENT = ZoneId.of("Asia/Tashkent");
    static final LocalDate ADULT = LocalDate.of(1980, 1, 1);

    static VitalSigns signs(
            @Nullable Integer systolic,
            @Nullable Integer diastolic,
            @Nullable Integer pulse,
            @Nullable String temperature,
            @Nullable Integer spo2,
            @Nullable String weight,
            @Nullable String height) {
        return new VitalSigns(
                systolic,
                diastolic,
                pulse,
                null,
                temperature == null ? null : new BigDecimal(temperature),
                spo2,
                weight == null ? null : new BigDecimal(weight),
                height == null ? null : new BigDecimal(height),
                null,
                NOW);
    }

    static ClinicalRuleException refusal(VitalSigns signs, LocalDate born) {
        try {
            VitalsRules.check(signs, NOW, born, TASHKENT);
        } catch (ClinicalRuleException e) {
            return e;
        }
        throw new AssertionError("expected a refusal");
    }

    @ParameterizedTest
    @CsvSource({
        "temperatureC, 29.9", "temperatureC, 45.1", "pulse, 19", "pulse, 301", "spo2, 49", "spo2, 101",
        "systolic, 49", "systolic, 301", "weightKg, 0.2", "weightKg, 501", "heightCm, 19", "heightCm, 273"
    })
    void refusesTheImpossibleBandWithTheAllowedRange(String field, String value) {
        VitalSigns signs =
                switch (field) {
                    case "temperatureC" -> signs(null, null, null, value, null, null, null);
                    case "pulse" -> signs(null, null, Integer.valueOf(value), null, null, null, null);
                    case "spo2" -> signs(null, null, null, null, Integer.valueOf(value), null, null);
                    case "systolic" -> signs(Integer.valueOf(value), 10 + 15, null, null, null, null, null);
                    case "weightKg" -> signs(null, null, null, null, null, value, null);
                    default -> signs(null, null, null, null, null, null, value);
                };

        ClinicalRuleException refused = refusal(signs, ADULT);

        assertThat(refused.isRefusal()).isTrue();
        assertThat(refused.violations()).anySatisfy(v -> {
            assertThat(v.field()).isEqualTo(field);
            assertThat(v.code()).isEqualTo("impossible-value");
            assertThat(v.message()).contains("allowed range");
        });
    }

    @Test
    void acceptsTheEdgesOfThePossibleBand() {
        VitalsRules.Outcome outcome =
                VitalsRules.check(signs(300, 200, 300, "45", 100, "500", "272"), NOW, ADULT, TASHKENT);

        assertThat(outcome.bmi()).isEqualByComparingTo("67.6");
    }

    @Test
    void refusesADiastolicNotBelowTheSystolicAndHalfAPressure() {
        assertThat(refusal(signs(120, 120, null, null, null, null, null), ADULT)
                        .violations()
                        .getFirst()
                        .code())
                .isEqualTo("diastolic-not-below-systolic");
        ClinicalRuleException half = refusal(signs(120, null, null, null, null, null, null), ADULT);
        assertThat(half.isRefusal()).isFalse();
        assertThat(half.violations().getFirst().field()).isEqualTo("diastolic");
    }

    @Test
    void refusesNothingMeasuredAFutureTimeAndATimeBeforeBirth() {
        assertThatThrownBy(
                        () -> VitalsRules.check(signs(null, null, null, null, null, null, null), NOW, ADULT, TASHKENT))
                .isInstanceOf(ClinicalRuleException.class)
                .hasMessageContaining("nothing-measured");
        VitalSigns future =
                new VitalSigns(null, null, 70, null, null, null, null, null, null, NOW.plus(Duration.ofMinutes(6)));
        assertThat(refusal(future, ADULT).violations().getFirst().code()).isEqualTo("in-future");
        VitalSigns early = new VitalSigns(null, null, 70, null, null, null, null, null, null, NOW);
        assertThat(refusal(early, LocalDate.of(2026, 11, 23))
                        .violations()
                        .getFirst()
                        .code())
                .isEqualTo("before-birth");
    }

    @Test
    void refusesAnImpossibleBmiFromPossibleWeightAndHeight() {
        assertThat(refusal(signs(null, null, null, null, null, "400", "40"), ADULT)
                        .violations()
                        .getFirst()
                        .code())
                .isEqualTo("impossible-bmi");
    }

    @ParameterizedTest
    @CsvSource({"36.6, ''", "37.5, subfebrile", "38.0, fever", "40.0, hyperpyrexia", "34.9, hypothermia"})
    void flagsTemperature(String temperature, String flag) {
        VitalsRules.Outcome outcome =
                VitalsRules.check(signs(null, null, null, temperature, null, null, null), NOW, ADULT, TASHKENT);

        if (flag.isEmpty()) {
            assertThat(outcome.flags()).isEmpty();
        } else {
            assertThat(outcome.flags()).extracting(VitalFlag::code).containsExactly(flag);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "118, 76, ''",
        "142, 80, hypertension-grade-1",
        "130, 92, hypertension-grade-1",
        "150, 104, hypertension-grade-2",
        "185, 100, hypertension-grade-3",
        "85, 55, hypotension"
    })
    void gradesAnAdultsBloodPressureByTheHigherOfItsTwoValues(int systolic, int diastolic, String flag) {
        VitalsRules.Outcome outcome =
                VitalsRules.check(signs(systolic, diastolic, null, null, null, null, null), NOW, ADULT, TASHKENT);

        assertThat(outcome.flags().stream().map(VitalFlag::code).toList())
                .isEqualTo(flag.isEmpty() ? java.util.List.of() : java.util.List.of(flag));
    }

    @Test
    void leavesAChildsPulseAndPressureToTheDoctorButFlagsFeverAndSaturation() {
        LocalDate child = LocalDate.of(2020, 6, 1);

        VitalsRules.Outcome outcome =
                VitalsRules.check(signs(100, 60, 125, "38.4", 92, null, null), NOW, child, TASHKENT);

        assertThat(outcome.flags()).extracting(VitalFlag::code).containsExactlyInAnyOrder("fever", "low-saturation");
    }

    @Test
    void roundsToTheStoredPrecision() {
        VitalsRules.Outcome outcome =
                VitalsRules.check(signs(null, null, null, "36.65", null, "70.456", "175.04"), NOW, ADULT, TASHKENT);

        assertThat(outcome.temperatureC()).isEqualByComparingTo("36.7");
        assertThat(outcome.weightKg()).isEqualByComparingTo("70.46");
        assertThat(outcome.heightCm()).isEqualByComparingTo("175.0");
        assertThat(outcome.bmi()).isEqualByComparingTo("23.0");
    }
}
