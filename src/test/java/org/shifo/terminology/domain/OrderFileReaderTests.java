package org.shifo.terminology.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OrderFileReaderTests {

    final OrderFileReader reader = new OrderFileReader();

    @Test
    void readsCodesByColumnsAndInsertsTheDotAfterTheThirdCharacter() {
        Map<String, ParsedConcept> codes = ReaderFixtures.readSample(reader, "icd10cm-order-sample.txt");

        assertThat(codes).hasSize(27);
        assertThat(codes).containsKeys("A00", "A00.0", "L20.81", "S52.521A", "T36.0X1A", "C4A", "C4A.0");
        ParsedConcept torus = codes.get("S52.521A");
        assertThat(torus.leaf()).isTrue();
        assertThat(torus.parentCode()).isEqualTo("S52.521");
        assertThat(torus.titles())
                .containsEntry(
                        "en", "Torus fracture of lower end of right radius, initial encounter for closed fracture");
        assertThat(codes.get("A00").leaf()).isFalse();
        assertThat(codes.get("A00").parentCode()).isNull();
        assertThat(codes.get("T36.0X1A").parentCode()).isEqualTo("T36.0X1");
        assertThat(codes.get("L20.81").parentCode()).isEqualTo("L20.8");
    }

    @Test
    void takesTheCodeFromColumnsSevenToThirteenNotTheFirstToken() {
        ParsedConcept concept = OrderFileReader.parse(
                1,
                "00042 J020    1 " + "Streptococcal pharyngitis".indent(0).strip() + " ".repeat(35)
                        + " Streptococcal pharyngitis",
                Set.of("J02"));

        assertThat(concept.code()).isEqualTo("J02.0");
        assertThat(concept.parentCode()).isEqualTo("J02");
        assertThat(concept.leaf()).isTrue();
    }

    @Test
    void usesTheShortDescriptionWhenTheLongOneIsMissing() {
        ParsedConcept concept = OrderFileReader.parse(1, "00001 A00     0 Cholera", Set.of());

        assertThat(concept.titles()).containsEntry("en", "Cholera");
    }

    @Test
    void namesTheLineOfABadValidForCodingFlag() {
        assertThatThrownBy(() -> ReaderFixtures.readSample(reader, "icd10cm-order-bad.txt"))
                .isInstanceOf(MalformedFileException.class)
                .hasMessageStartingWith("line 5: column 15");
    }

    @Test
    void refusesAnOrderNumberThatIsNotDigits() {
        assertThatThrownBy(() -> OrderFileReader.parse(3, "A00   A00     0 Cholera", Set.of()))
                .isInstanceOf(MalformedFileException.class)
                .hasMessageStartingWith("line 3: columns 1-5");
    }

    @Test
    void countsTheCodesForProgress() throws IOException {
        assertThat(reader.count(ReaderFixtures.sample("icd10cm-order-sample.txt")))
                .isEqualTo(27);
    }
}
