package org.shifo.terminology.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.shifo.identity.TenantContext;
import org.shifo.platform.testing.IdentityFixtures;
import org.shifo.platform.testing.IntegrationTest;
import org.shifo.terminology.CodeCheck;
import org.shifo.terminology.CodeCheck.Verdict;
import org.shifo.terminology.Concept;
import org.shifo.terminology.Terminology;
import org.shifo.terminology.TerminologyFixtures;
import org.shifo.terminology.importing.CodeSetImports;
import org.shifo.terminology.persistence.ImportJob;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CodeLookupIntegrationTests {

    @Autowired
    Terminology terminology;

    @Autowired
    CodeSetImports imports;

    @Autowired
    IdentityFixtures fixtures;

    IdentityFixtures.Clinic clinic;
    IdentityFixtures.Clinic empty;

    @BeforeAll
    void importSets() throws IOException {
        clinic = fixtures.clinic();
        empty = fixtures.clinic();
        importNow("mkb10-sample.csv", "MKB10_NSI_CSV");
        importNow("mkb10-sample-v2.csv", "MKB10_NSI_CSV");
    }

    void importNow(String sample, String format) throws IOException {
        Path file = Files.createTempFile("terminology-", "-" + sample);
        try {
            Files.write(file, TerminologyFixtures.sample(sample));
            ImportJob job = imports.importNow(clinic.tenantId(), file, format, null);
            assertThat(job.status()).isEqualTo(ImportJob.Status.SUCCEEDED);
        } finally {
            Files.delete(file);
        }
    }

    CodeCheck check(String system, String code) {
        return TenantContext.callAs(clinic.tenantId(), () -> terminology.check(system, code, "ru"));
    }

    static List<String> codes(List<Concept> concepts) {
        return concepts.stream().map(Concept::code).toList();
    }

    @Test
    void acceptsAnActiveLeafWithItsTitle() {
        CodeCheck check = check("ICD-10", "a000");

        assertThat(check.verdict()).isEqualTo(Verdict.VALID);
        assertThat(check.system()).isEqualTo(Terminology.ICD10);
        assertThat(check.code()).isEqualTo("A00.0");
        assertThat(check.display()).isEqualTo("Холера, вызванная холерным вибрионом 01, биовар cholerae");
        assertThat(check.verdict().recordable()).isTrue();
    }

    @Test
    void suggestsTheLeavesOfACategoryOrBlock() {
        CodeCheck category = check("ICD10", "A00");
        CodeCheck block = check("ICD10", "L20-L30");

        assertThat(category.verdict()).isEqualTo(Verdict.NOT_CODABLE);
        assertThat(codes(category.suggestions())).containsExactly("A00.0", "A00.1", "A00.9");
        assertThat(block.verdict()).isEqualTo(Verdict.NOT_CODABLE);
        assertThat(codes(block.suggestions()))
                .contains("L20.0", "L21.9", "L30.1")
                .doesNotContain("L30.9", "L20");
    }

    @Test
    void suggestsTheCodesSharingTheLongestPrefixOfAnUnknownCode() {
        CodeCheck subcategory = check("ICD10", "A00.7");
        CodeCheck category = check("ICD10", "L25");

        assertThat(subcategory.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(codes(subcategory.suggestions())).containsExactly("A00.0", "A00.1", "A00.9");
        assertThat(category.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(codes(category.suggestions())).contains("L20.0", "L23.9").allMatch(code -> code.startsWith("L2"));
    }

    @Test
    void refusesARetiredCodeSuggestingItsActiveSiblings() {
        CodeCheck retired = check("ICD10", "L30.9");

        assertThat(retired.verdict()).isEqualTo(Verdict.RETIRED);
        assertThat(retired.display()).isEqualTo("Дерматит неуточненный");
        assertThat(codes(retired.suggestions())).containsExactly("L30.0", "L30.1");
        assertThat(retired.verdict().recordable()).isFalse();
    }

    @Test
    void refusesWhatIsNotShapedLikeACode() {
        assertThat(check("ICD10", "hello").verdict()).isEqualTo(Verdict.MALFORMED);
        assertThat(check("http://example.org/codes", "A00").verdict()).isEqualTo(Verdict.UNKNOWN_SYSTEM);
    }

    @Test
    void checksOnlyTheStructureWhenNoSetIsImported() {
        CodeCheck cm = check("ICD10_CM", "S52521A");
        CodeCheck who = TenantContext.callAs(empty.tenantId(), () -> terminology.check("ICD10", "A00.0", "uz"));
        CodeCheck bad = TenantContext.callAs(empty.tenantId(), () -> terminology.check("ICD10", "A0", "uz"));

        assertThat(cm.verdict()).isEqualTo(Verdict.UNVERIFIED);
        assertThat(cm.code()).isEqualTo("S52.521A");
        assertThat(who.verdict()).isEqualTo(Verdict.UNVERIFIED);
        assertThat(who.verdict().recordable()).isTrue();
        assertThat(bad.verdict()).isEqualTo(Verdict.MALFORMED);
        assertThat(TenantContext.callAs(empty.tenantId(), () -> terminology.hasImportedSet(Terminology.ICD10)))
                .isFalse();
        assertThat(TenantContext.callAs(clinic.tenantId(), () -> terminology.hasImportedSet("ICD10")))
                .isTrue();
    }

    @Test
    void searchesByWordsInAnyLanguageAndByCodes() {
        List<Concept> found =
                TenantContext.callAs(clinic.tenantId(), () -> terminology.search("ICD10", "себорейный", "uz", 10));
        List<Concept> none =
                TenantContext.callAs(empty.tenantId(), () -> terminology.search("ICD10", "себорейный", "uz", 10));

        assertThat(codes(found)).containsExactly("L21.9", "L21");
        assertThat(found.getFirst().language()).isEqualTo("ru");
        assertThat(none).isEmpty();
    }

    @Test
    void aLargeImportFindsItsCodesByWordsAndCodeRangesAndFollowsRenamedTitles() throws IOException {
        IdentityFixtures.Clinic large = fixtures.clinic();
        // more codes than the import refreshes the statistics after, so that path runs as the runtime role too
        importOrderFile(large, 1_600, "");

        List<Concept> byWords = TenantContext.callAs(
                large.tenantId(), () -> terminology.search("ICD10_CM", "synth AILMENT zz0012", "en", 10));
        List<Concept> byCode =
                TenantContext.callAs(large.tenantId(), () -> terminology.search("ICD10_CM", "B1", "en", 3));
        assertThat(codes(byWords)).containsExactly("A01.2");
        assertThat(byWords.getFirst().display()).isEqualTo("Synthetic ailment zz0012");
        assertThat(codes(byCode)).containsExactly("B10", "B10.0", "B10.1");

        // the next file renames one title and no longer lists the last category (B59 and its nine leaves)
        importOrderFile(large, 1_590, "A012");

        List<Concept> tens =
                TenantContext.callAs(large.tenantId(), () -> terminology.search("ICD10_CM", "ailment zz15", "en", 100));
        assertThat(tens).hasSize(90);
        // the retired codes still match, after the active ones
        assertThat(codes(tens.subList(81, 90)))
                .containsExactly("B59.0", "B59.1", "B59.2", "B59.3", "B59.4", "B59.5", "B59.6", "B59.7", "B59.8");
        assertThat(tens.subList(81, 90)).noneMatch(Concept::active);
        assertThat(tens.subList(0, 81)).allMatch(Concept::active);

        assertThat(codes(TenantContext.callAs(
                        large.tenantId(), () -> terminology.search("ICD10_CM", "synthetic zz0012", "en", 10))))
                .isEmpty();
        assertThat(codes(TenantContext.callAs(
                        large.tenantId(), () -> terminology.search("ICD10_CM", "renamed zz0012", "en", 10))))
                .containsExactly("A01.2");
    }

    /**
     * An ICD-10-CM order file of {@code codes} codes: categories A00, A01, … each with nine leaves; the leaf
     * {@code renamed} (a code without its dot) gets another title.
     */
    void importOrderFile(IdentityFixtures.Clinic to, int codes, String renamed) throws IOException {
        StringBuilder text = new StringBuilder();
        int line = 0;
        for (int category = 0; line < codes; category++) {
            String code = (char) ('A' + category / 100) + String.format(java.util.Locale.ROOT, "%02d", category % 100);
            text.append(orderLine(++line, code, false, "Generated category " + code));
            for (int leaf = 0; leaf < 9 && line < codes; leaf++) {
                int number = category * 10 + leaf;
                String title = (code + leaf).equals(renamed) ? "Renamed ailment zz%04d" : "Synthetic ailment zz%04d";
                text.append(orderLine(++line, code + leaf, true, String.format(java.util.Locale.ROOT, title, number)));
            }
        }
        Path file = Files.createTempFile("terminology-", "-order.txt");
        try {
            Files.writeString(file, text);
            ImportJob job = imports.importNow(to.tenantId(), file, "ICD10CM_ORDER", null);
            assertThat(job.status()).isEqualTo(ImportJob.Status.SUCCEEDED);
        } finally {
            Files.delete(file);
        }
    }

    static String orderLine(int line, String code, boolean leaf, String title) {
        return String.format(
                java.util.Locale.ROOT, "%05d %-7s %s %-60s %s%n", line, code, leaf ? "1" : "0", title, title);
    }
}
