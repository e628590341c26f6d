package org.shifo.terminology.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.shifo.terminology.Terminology;

class CodeFormatTests {

    @Test
    void normalizesToUpperCaseDottedCodes() {
        assertThat(CodeFormat.ICD10.normalize(" a000 ")).isEqualTo("A00.0");
        assertThat(CodeFormat.ICD10.normalize("l20.8")).isEqualTo("L20.8");
        assertThat(CodeFormat.ICD10.normalize("A17.0+")).isEqualTo("A17.0");
        assertThat(CodeFormat.ICD10_CM.normalize("S52521A")).isEqualTo("S52.521A");
        assertThat(CodeFormat.LOCAL.normalize("derm1")).isEqualTo("DERM1");
    }

    @Test
    void checksTheIcd10Structure() {
        assertThat(CodeFormat.ICD10.isCategory("A00")).isTrue();
        assertThat(CodeFormat.ICD10.isCategory("A00.0")).isTrue();
        assertThat(CodeFormat.ICD10.isCategory("A0")).isFalse();
        assertThat(CodeFormat.ICD10.isCategory("C4A")).isFalse();
        assertThat(CodeFormat.ICD10.isCategory("A00.12345")).isFalse();
        assertThat(CodeFormat.ICD10_CM.isCategory("C4A.0")).isTrue();
        assertThat(CodeFormat.ICD10_CM.isCategory("T36.0X1A")).isTrue();
        assertThat(CodeFormat.ICD10_CM.isCategory("T36.0X1AB")).isFalse();
        assertThat(CodeFormat.isGroup("A00-A09")).isTrue();
        assertThat(CodeFormat.isGroup("XXI")).isTrue();
    }

    @Test
    void knowsTheSystemsByTheirAliases() {
        assertThat(CodeFormat.canonicalSystem("ICD-10")).contains(Terminology.ICD10);
        assertThat(CodeFormat.canonicalSystem("icd10")).contains(Terminology.ICD10);
        assertThat(CodeFormat.canonicalSystem("ICD10_CM")).contains(Terminology.ICD10_CM);
        assertThat(CodeFormat.canonicalSystem(Terminology.ICD10_CM)).contains(Terminology.ICD10_CM);
        assertThat(CodeFormat.canonicalSystem("derm-visits")).contains("urn:shifo:code-system:derm-visits");
        assertThat(CodeFormat.canonicalSystem("http://example.org/x")).isEmpty();
    }
}
