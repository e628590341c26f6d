package org.shifo.terminology;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabTestTests {

    static LabTest test(String unit, LabTest.UnitConversion... conversions) {
        return new LabTest(
                "14749-6",
                LabCodeSystem.LOINC,
                List.of("2345-7"),
                Map.of("en", "Glucose", "ru", "Глюкоза", "uz", "Glyukoza"),
                LabTest.ValueType.QUANTITY,
                unit,
                List.of(conversions),
                List.of(),
                null,
                null,
                "",
                null,
                true,
                List.of("BMP"),
                true,
                0);
    }

    static LabTest.UnitConversion conversion(String unit, String factor, String offset) {
        return new LabTest.UnitConversion(unit, new BigDecimal(factor), new BigDecimal(offset));
    }

    @Test
    void convertsGlucoseFromMgPerDlToMmolPerL() {
        LabTest glucose = test("mmol/L", conversion("mg/dL", "0.05551", "0"));

        assertThat(glucose.toCatalogueUnit(new BigDecimal("90"), "mg/dL"))
                .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("4.9959"));
    }

    @Test
    void keepsAValueInTheCatalogueUnitAsItIs() {
        LabTest glucose = test("mmol/L", conversion("mg/dL", "0.05551", "0"));

        assertThat(glucose.toCatalogueUnit(new BigDecimal("5.40"), "mmol/L")).contains(new BigDecimal("5.40"));
    }

    @Test
    void convertsWithAnOffsetAsHbA1cFromIfccToNgsp() {
        LabTest hba1c = test("%", conversion("mmol/mol", "0.09148", "2.152"));

        // IFCC 48 mmol/mol is NGSP 6.5 %
        assertThat(hba1c.toCatalogueUnit(new BigDecimal("48"), "mmol/mol"))
                .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("6.54304"));
    }

    @Test
    void convertsCreatinineHemoglobinAndVitaminD() {
        LabTest creatinine = test("umol/L", conversion("mg/dL", "88.42", "0"));
        LabTest hemoglobin = test("g/L", conversion("g/dL", "10", "0"));
        LabTest vitaminD = test("ng/mL", conversion("nmol/L", "0.4006", "0"));

        assertThat(creatinine.toCatalogueUnit(new BigDecimal("1.0"), "mg/dL"))
                .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("88.42"));
        assertThat(hemoglobin.toCatalogueUnit(new BigDecimal("13.5"), "g/dL"))
                .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("135"));
        assertThat(vitaminD.toCatalogueUnit(new BigDecimal("75"), "nmol/L"))
                .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("30.045"));
    }

    @Test
    void readsUnitsWrittenWithMicroSignOtherCaseOrWithoutUcumBrackets() {
        LabTest creatinine = test("umol/L", conversion("mg/dL", "88.42", "0"));
        LabTest tsh = test("m[IU]/L", conversion("u[IU]/mL", "1", "0"));

        assertThat(creatinine.permittedUnit("µmol/l")).contains("umol/L");
        assertThat(creatinine.permittedUnit("MG/DL")).contains("mg/dL");
        assertThat(tsh.permittedUnit("mIU/L")).contains("m[IU]/L");
        assertThat(tsh.permittedUnit("µIU/mL")).contains("u[IU]/mL");
    }

    @Test
    void refusesAUnitItCannotConvert() {
        LabTest glucose = test("mmol/L", conversion("mg/dL", "0.05551", "0"));

        assertThat(glucose.toCatalogueUnit(BigDecimal.ONE, "g/L")).isEmpty();
        assertThat(glucose.permittedUnits()).containsExactly("mmol/L", "mg/dL");
    }

    @Test
    void isKnownByItsCodeAndItsAliases() {
        LabTest glucose = test("mmol/L");

        assertThat(glucose.isKnownAs("14749-6")).isTrue();
        assertThat(glucose.isKnownAs("2345-7")).isTrue();
        assertThat(glucose.isKnownAs("2345-8")).isFalse();
    }

    @Test
    void writesNumbersWithoutExponents() {
        assertThat(LabTest.plain(new BigDecimal("100.000")).toString()).isEqualTo("100");
        assertThat(LabTest.plain(new BigDecimal("5.50")).toString()).isEqualTo("5.5");
    }
}
