package org.shifo.terminology.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PlainCsvReaderTests {

    final PlainCsvReader reader = new PlainCsvReader(CodeFormat.ICD10);

    @Test
    void readsQuotedTitlesAndSkipsTheHeader() {
        Map<String, ParsedConcept> codes = ReaderFixtures.readSample(reader, "uz-titles.csv");

        assertThat(codes).hasSize(6);
        assertThat(codes.get("A00.0").titles()).containsEntry("uz", "Vabo, 01 vibrion, cholerae biovari");
        assertThat(codes.get("A00.0").leaf()).isNull();
        assertThat(codes.get("A00.0").kind()).isNull();
    }

    @Test
    void readsFilesWithoutHeaderAndWithQuotesInsideQuotes() {
        Map<String, ParsedConcept> codes = ReaderFixtures.readText(
                reader, "l209,\"Dermatit \"\"atopik\"\"\",L20,uz,1\r\nL20-L30,Dermatitlar,,uz,0\r\n");

        assertThat(codes.get("L20.9").titles()).containsEntry("uz", "Dermatit \"atopik\"");
        assertThat(codes.get("L20.9").parentCode()).isEqualTo("L20");
        assertThat(codes.get("L20.9").leaf()).isTrue();
        assertThat(codes.get("L20-L30").kind()).isEqualTo(ConceptKind.BLOCK);
    }

    @Test
    void refusesACodeThatIsNotOfTheSystem() {
        assertThatThrownBy(() -> ReaderFixtures.readText(reader, "code,title,parent,language,leaf\nHELLO,x,,uz,\n"))
                .isInstanceOf(MalformedFileException.class)
                .hasMessage("line 2: code 'HELLO' is not a code of the system");
    }

    @Test
    void acceptsAnyCodeInALocalList() {
        Map<String, ParsedConcept> codes =
                ReaderFixtures.read(new PlainCsvReader(CodeFormat.LOCAL), ReaderFixtures.sample("local-list.csv"));

        assertThat(codes).containsOnlyKeys("DERM", "DERM-1", "DERM-2");
        assertThat(codes.get("DERM-1").kind()).isNull();
    }

    @Test
    void refusesAMissingLanguageAndAnUnclosedQuote() {
        assertThatThrownBy(() -> ReaderFixtures.readText(reader, "A00,Vabo,,,\n"))
                .isInstanceOf(MalformedFileException.class)
                .hasMessageStartingWith("line 1: language");
        assertThatThrownBy(() -> ReaderFixtures.readText(reader, "A00,Vabo,,uz,\nA01,\"Tif,,uz,\n"))
                .isInstanceOf(MalformedFileException.class)
                .hasMessage("line 2: a quoted field is not closed");
    }
}
