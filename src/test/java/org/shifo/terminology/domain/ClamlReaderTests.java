package org.shifo.terminology.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ClamlReaderTests {

    final ClamlReader reader = new ClamlReader();

    @Test
    void readsClassesWithKindsParentsLeavesAndPreferredTitlesPerLanguage() {
        Map<String, ParsedConcept> codes = ReaderFixtures.readSample(reader, "icd10-claml-sample.xml");

        assertThat(codes).hasSize(35);
        assertThat(codes.get("I").kind()).isEqualTo(ConceptKind.CHAPTER);
        assertThat(codes.get("A00-A09").kind()).isEqualTo(ConceptKind.BLOCK);
        assertThat(codes.get("A00-A09").parentCode()).isEqualTo("I");
        ParsedConcept cholera = codes.get("A00");
        assertThat(cholera.leaf()).isFalse();
        assertThat(cholera.titles()).containsEntry("en", "Cholera").containsEntry("ru", "Холера");
        ParsedConcept unspecified = codes.get("A00.9");
        assertThat(unspecified.leaf()).isTrue();
        assertThat(unspecified.parentCode()).isEqualTo("A00");
        assertThat(unspecified.titles())
                .containsEntry("en", "Cholera, unspecified")
                .hasSize(2);
        assertThat(codes.get("J00").leaf()).isTrue();
    }

    @Test
    void refusesAnotherRootElement() {
        assertThatThrownBy(() -> ReaderFixtures.readText(reader, "<?xml version=\"1.0\"?>\n<html><body/></html>"))
                .isInstanceOf(MalformedFileException.class)
                .hasMessage("line 2: the root element is html, not ClaML");
    }

    @Test
    void namesTheLineOfBrokenXml() {
        String text = "<ClaML>\n<Class code=\"A00\" kind=\"category\">\n<Rubric kind=\"preferred\"><Label>x</Rubric>\n";

        assertThatThrownBy(() -> ReaderFixtures.readText(reader, text))
                .isInstanceOf(MalformedFileException.class)
                .hasMessageStartingWith("line 3: not well-formed XML");
    }

    @Test
    void neverResolvesExternalEntities() {
        String text =
                """
                <?xml version="1.0"?>
                <!DOCTYPE ClaML [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <ClaML><Class code="A00" kind="category"><Rubric kind="preferred">
                <Label xml:lang="en">&secret;</Label></Rubric></Class></ClaML>
                """;

        assertThatThrownBy(() -> ReaderFixtures.readText(reader, text)).isInstanceOf(MalformedFileException.class);
    }

    @Test
    void refusesAnUnknownClassKind() {
        String text = "<ClaML>\n<Class code=\"A00\" kind=\"modifier\"/></ClaML>";

        assertThatThrownBy(() -> ReaderFixtures.readText(reader, text))
                .isInstanceOf(MalformedFileException.class)
                .hasMessageContaining("line 2: Class A00 has kind 'modifier'");
    }
}
