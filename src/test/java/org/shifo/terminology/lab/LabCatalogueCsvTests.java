package org.shifo.terminology.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.shifo.terminology.LabCodeSystem;
import org.shifo.terminology.LabTest;

class LabCatalogueCsvTests {

    static List<LabTest> read(String csv) {
        return LabCatalogueCsv.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), false);
    }

    static List<CatalogueRule> rulesOf(String csv) {
        try {
            read(csv);
        } catch (LabCatalogueRuleException e) {
            return e.rules();
        }
        throw new AssertionError("no rule broken");
    }

    @Test
    void readsTheStarterCatalogueWithEveryPanelAndSourcedRanges() {
        List<LabTest> tests = new StarterCatalogue().tests();
        Map<String, LabTest> byCode = tests.stream().collect(Collectors.toMap(LabTest::code, t -> t));

        assertThat(tests.stream().flatMap(t -> t.panels().stream()).distinct())
                .contains("CBC", "BMP", "CMP", "LIVER", "LIPID", "HBA1C", "TSH", "VITD", "FERRITIN", "IGE");
        assertThat(byCode)
                .containsKeys(
                        "718-7", "6690-2", "14749-6", "14682-9", "1742-6", "14647-2", "4548-4", "3016-3", "1989-3",
                        "2276-4", "19113-0");
        assertThat(tests).allSatisfy(test -> {
            assertThat(test.replaceWithLaboratoryRanges()).isTrue();
            assertThat(test.ranges()).isNotEmpty();
            assertThat(test.ranges())
                    .allSatisfy(range -> assertThat(range.source()).isNotBlank());
            assertThat(test.names()).containsKeys("en", "ru", "uz");
            if (test.criticalLow() != null || test.criticalHigh() != null) {
                assertThat(test.criticalSource()).isNotBlank();
            }
        });
        LabTest hemoglobin = byCode.get("718-7");
        assertThat(hemoglobin.unit()).isEqualTo("g/L");
        assertThat(hemoglobin.ranges())
                .anySatisfy(r -> {
                    assertThat(r.sex()).isEqualTo(LabTest.Sex.MALE);
                    assertThat(r.low()).isEqualByComparingTo("130");
                    assertThat(r.high()).isEqualByComparingTo("170");
                })
                .anySatisfy(r -> {
                    assertThat(r.sex()).isEqualTo(LabTest.Sex.FEMALE);
                    assertThat(r.low()).isEqualByComparingTo("120");
                    assertThat(r.high()).isEqualByComparingTo("150");
                });
        assertThat(byCode.get("14749-6").aliases()).contains("2345-7");
        assertThat(byCode.get("14682-9").aliases()).contains("2160-0");
        assertThat(byCode.get("14647-2").aliases()).contains("2093-3");
        assertThat(tests.stream().filter(t -> t.system() == LabCodeSystem.LOINC))
                .allSatisfy(t -> assertThat(t.code()).matches("[0-9]{1,7}-[0-9]"));
    }

    @Test
    void checksTheLoincCheckDigitOfEveryStarterCode() {
        for (LabTest test : new StarterCatalogue().tests()) {
            for (String code : concat(test)) {
                if (code.matches("[0-9]{1,7}-[0-9]")) {
                    assertThat(LabCatalogueCsvTests.isLoincCheckDigitValid(code))
                            .as(code)
                            .isTrue();
                }
            }
        }
    }

    private static List<String> concat(LabTest test) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(test.code()), test.aliases().stream())
                .toList();
    }

    /** LOINC's mod 10 check digit (the Luhn algorithm over the digits before the hyphen). */
    static boolean isLoincCheckDigitValid(String code) {
        String[] parts = code.split("-");
        String digits = parts[0];
        int sum = 0;
        boolean doubleIt = true;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubleIt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return (10 - sum % 10) % 10 == Integer.parseInt(parts[1]);
    }

    @Test
    void readsATestWithSeveralRangesConversionsAndAnOffset() {
        List<LabTest> tests = read(
                """
                code,system,name_en,unit,conversions,panels,critical_low,critical_source,sex,age_from,age_to,low,high,source
                4548-4,LOINC,HbA1c,%,mmol/mol=0.09148+2.152,HBA1C,3,Lab policy,ANY,P18Y,,4.0,5.6,"ADA 2024, section 2"
                4548-4,,,,,,,,MALE,P1Y,P18Y,,6,Paediatric table
                """);

        assertThat(tests).singleElement().satisfies(test -> {
            assertThat(test.names()).containsEntry("ru", "HbA1c");
            assertThat(test.conversions())
                    .containsExactly(
                            new LabTest.UnitConversion("mmol/mol", new BigDecimal("0.09148"), new BigDecimal("2.152")));
            assertThat(test.ranges()).hasSize(2);
            assertThat(test.ranges().get(0).source()).isEqualTo("ADA 2024, section 2");
            assertThat(test.ranges().get(1).ageTo()).isEqualTo(Period.ofYears(18));
            assertThat(test.replaceWithLaboratoryRanges()).isFalse();
        });
    }

    @Test
    void listsEveryBrokenRuleWithItsLineAndColumn() {
        List<CatalogueRule> rules = rulesOf(
                """
                code,system,name_en,unit,sex,low,high,source
                718-7,LOINC,Hemoglobin,g/L,MALE,170,130,x
                ABC,LOINC,Something,g/L,,,,
                X1,LOCAL,,g/L,ANY,-1,,
                X2,LOCAL,Other,g L,ALIEN,1,2,
                """);

        assertThat(rules)
                .extracting(CatalogueRule::field, CatalogueRule::code)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("line 2, high", "range-order"),
                        org.assertj.core.groups.Tuple.tuple("line 3, system", "not-loinc"),
                        org.assertj.core.groups.Tuple.tuple("line 4, name_en", "required"),
                        org.assertj.core.groups.Tuple.tuple("line 4, low", "malformed-number"),
                        org.assertj.core.groups.Tuple.tuple("line 4, source", "source-required"),
                        org.assertj.core.groups.Tuple.tuple("line 5, unit", "malformed-unit"),
                        org.assertj.core.groups.Tuple.tuple("line 5, sex", "unknown-sex"));
    }

    @Test
    void refusesAFileWithoutTheRequiredColumnsOrWithUnknownOnes() {
        assertThat(rulesOf("code,name_en,colour\n1-8,X,red\n"))
                .extracting(CatalogueRule::code)
                .contains("unknown-column", "missing-column");
    }

    @Test
    void refusesAFileThatIsNotUtf8OrNotCsv() {
        assertThatThrownBy(() -> LabCatalogueCsv.read(
                        new ByteArrayInputStream(new byte[] {'c', 'o', 'd', 'e', (byte) 0xC3, (byte) 0x28}), false))
                .isInstanceOfSatisfying(
                        LabCatalogueRuleException.class,
                        e -> assertThat(e.rules().getFirst().code()).isEqualTo("not-utf8"));
        assertThat(rulesOf("code,system\n\"718-7,LOINC\n"))
                .extracting(CatalogueRule::code)
                .containsExactly("malformed-csv");
    }
}
