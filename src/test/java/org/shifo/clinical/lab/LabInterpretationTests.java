package org.shifo.clinical.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.shifo.clinical.LabFlag;
import org.shifo.terminology.LabCodeSystem;
import org.shifo.terminology.LabTest;

class LabInterpretationTests {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

    /** Haemoglobin as the starter catalogue has it: children's lower limits, adult ranges by sex, critical limits. */
    static final LabTest HEMOGLOBIN = new LabTest(
            "718-7",
            LabCodeSystem.LOINC,
            List.of(),
            Map.of("en", "Hemoglobin"),
            LabTest.ValueType.QUANTITY,
            "g/L",
            List.of(new LabTest.UnitConversion("g/dL", BigDecimal.TEN, BigDecimal.ZERO)),
            List.of(
                    range(LabTest.Sex.ANY, "P6M", "P5Y", "110", null),
                    range(LabTest.Sex.MALE, "P15Y", null, "130", "170"),
                    range(LabTest.Sex.FEMALE, "P15Y", null, "120", "150")),
            new BigDecimal("66"),
            new BigDecimal("199"),
            "Kost 1990",
            null,
            true,
            List.of("CBC"),
            true,
            0);

    static LabTest.ReferenceRange range(LabTest.Sex sex, String from, String to, String low, String high) {
        return new LabTest.ReferenceRange(
                sex,
                Period.parse(from),
                to == null ? null : Period.parse(to),
                low == null ? null : new BigDecimal(low),
                high == null ? null : new BigDecimal(high),
                "source");
    }

    static LabInterpretation flag(String value, LabTest.Sex sex, LocalDate birth) {
        return LabInterpretation.of(HEMOGLOBIN, new BigDecimal(value), sex, birth, TODAY);
    }

    static final LocalDate ADULT = LocalDate.of(1980, 1, 15);

    @Nested
    class BySex {

        @Test
        void flagsAManLowBelow130AndAWomanNormalAt125() {
            assertThat(flag("125", LabTest.Sex.MALE, ADULT).flag()).isEqualTo(LabFlag.L);
            assertThat(flag("125", LabTest.Sex.FEMALE, ADULT).flag()).isEqualTo(LabFlag.N);
        }

        @Test
        void flagsAWomanHighAbove150AndAManNormalAt160() {
            assertThat(flag("160", LabTest.Sex.FEMALE, ADULT).flag()).isEqualTo(LabFlag.H);
            assertThat(flag("160", LabTest.Sex.MALE, ADULT).flag()).isEqualTo(LabFlag.N);
        }

        @Test
        void countsTheLimitsThemselvesAsNormal() {
            assertThat(flag("130", LabTest.Sex.MALE, ADULT).flag()).isEqualTo(LabFlag.N);
            assertThat(flag("170", LabTest.Sex.MALE, ADULT).flag()).isEqualTo(LabFlag.N);
        }

        @Test
        void comparesAPatientOfOtherSexWithTheRangeSpanningBoth() {
            LabInterpretation normal = flag("125", null, ADULT);
            LabInterpretation low = flag("119", null, ADULT);

            assertThat(normal.flag()).isEqualTo(LabFlag.N);
            assertThat(normal.range().low()).isEqualByComparingTo("120");
            assertThat(normal.range().high()).isEqualByComparingTo("170");
            assertThat(low.flag()).isEqualTo(LabFlag.L);
        }

        @Test
        void keepsTheRangeUsed() {
            LabInterpretation result = flag("125", LabTest.Sex.MALE, ADULT);

            assertThat(result.range().sex()).isEqualTo(LabTest.Sex.MALE);
            assertThat(result.range().low()).isEqualByComparingTo("130");
        }
    }

    @Nested
    class ByAge {

        @Test
        void usesTheChildsBandWithItsOpenUpperLimit() {
            LocalDate twoYearsOld = TODAY.minusYears(2);

            assertThat(flag("105", LabTest.Sex.MALE, twoYearsOld).flag()).isEqualTo(LabFlag.L);
            assertThat(flag("190", LabTest.Sex.MALE, twoYearsOld).flag()).isEqualTo(LabFlag.N);
        }

        @Test
        void startsABandOnTheBirthdayAndEndsItTheDayBefore() {
            LocalDate sixMonthsToday = TODAY.minusMonths(6);
            LocalDate fiveYearsToday = TODAY.minusYears(5);

            assertThat(flag("105", LabTest.Sex.MALE, sixMonthsToday).flag()).isEqualTo(LabFlag.L);
            assertThat(flag("105", LabTest.Sex.MALE, sixMonthsToday.plusDays(1)).flag())
                    .isNull();
            assertThat(flag("105", LabTest.Sex.MALE, fiveYearsToday).flag()).isNull();
            assertThat(flag("105", LabTest.Sex.MALE, fiveYearsToday.plusDays(1)).flag())
                    .isEqualTo(LabFlag.L);
        }

        @Test
        void givesNoFlagWithoutARangeForTheAge() {
            LabInterpretation result = flag("100", LabTest.Sex.FEMALE, TODAY.minusYears(8));

            assertThat(result.flag()).isNull();
            assertThat(result.range()).isNull();
            assertThat(result.isCritical()).isFalse();
        }
    }

    @Nested
    class CriticalLimits {

        @Test
        void flagsBelowTheCriticalLowAsLL() {
            LabInterpretation result = flag("60", LabTest.Sex.MALE, ADULT);

            assertThat(result.flag()).isEqualTo(LabFlag.LL);
            assertThat(result.isCritical()).isTrue();
        }

        @Test
        void flagsAboveTheCriticalHighAsHH() {
            assertThat(flag("205", LabTest.Sex.FEMALE, ADULT).flag()).isEqualTo(LabFlag.HH);
        }

        @Test
        void countsTheCriticalLimitItselfAsNotCritical() {
            assertThat(flag("66", LabTest.Sex.MALE, ADULT).flag()).isEqualTo(LabFlag.L);
        }

        @Test
        void flagsCriticalValuesEvenWithoutARangeForTheAge() {
            assertThat(flag("50", LabTest.Sex.MALE, TODAY.minusYears(8)).flag()).isEqualTo(LabFlag.LL);
        }
    }
}
