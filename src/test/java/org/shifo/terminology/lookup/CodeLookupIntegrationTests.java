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
}
