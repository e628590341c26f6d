package org.shifo.terminology.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MkbCsvReaderTests {

    final MkbCsvReader reader = new MkbCsvReader();

    @Test
    void readsChaptersBlocksAndCategoriesWithRussianTitlesAndParentIds() {
        Map<String, ParsedConcept> codes = ReaderFixtures.readSample(reader, "mkb10-sample.csv");

        assertThat(codes).hasSize(46);
        assertThat(codes.get("A00-B99").kind()).isEqualTo(ConceptKind.CHAPTER);
        assertThat(codes.get("A00-A09").kind()).isEqualTo(ConceptKind.BLOCK);
        ParsedConcept cholera = codes.get("A00.0");
        assertThat(cholera.kind()).isEqualTo(ConceptKind.CATEGORY);
        assertThat(cholera.recordId()).isEqualTo("4");
        assertThat(cholera.parentRecordId()).isEqualTo("3");
        assertThat(cholera.leaf()).isNull();
        assertThat(cholera.titles()).containsEntry("ru", "Холера, вызванная холерным вибрионом 01, биовар cholerae");
        assertThat(codes.get("A09").titles())
                .containsEntry("ru", "Другой гастроэнтерит и колит инфекционного и неуточненного происхождения");
    }

    @Test
    void marksActualZeroAsRetired() {
        Map<String, ParsedConcept> codes = ReaderFixtures.readSample(reader, "mkb10-sample.csv");

        assertThat(codes.get("A09.1").active()).isFalse();
        assertThat(codes.get("A09.0").active()).isTrue();
    }

    @Test
    void refusesAnotherHeader() {
        assertThatThrownBy(() -> ReaderFixtures.readText(reader, "code,title\nA00,Cholera\n"))
                .isInstanceOf(MalformedFileException.class)
                .hasMessageContaining("line 1: the header must be ID;REC_CODE;MKB_CODE");
    }

    @Test
    void namesTheLineOfARowWithTooFewFields() {
        String text = String.join(";", MkbCsvReader.HEADER) + "\n1;01;A00;Холера;;;1;\n2;01;A01;Тиф\n";

        assertThatThrownBy(() -> ReaderFixtures.readText(reader, text))
                .isInstanceOf(MalformedFileException.class)
                .hasMessage("line 3: expected 8 fields separated by ';', found 4");
    }

    @Test
    void refusesACategoryThatIsNotAnIcd10Code() {
        String text = String.join(";", MkbCsvReader.HEADER) + "\n1;01;A00-B99;Класс I;;;1;\n2;01.1;XYZ;Нет;1;;1;\n";

        assertThatThrownBy(() -> ReaderFixtures.readText(reader, text))
                .isInstanceOf(MalformedFileException.class)
                .hasMessage("line 3: MKB_CODE 'XYZ' is not an ICD-10 code");
    }
}
