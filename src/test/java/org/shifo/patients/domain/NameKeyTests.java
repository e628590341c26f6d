package org.shifo.patients.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NameKeyTests {

    @ParameterizedTest
    @CsvSource({"Oʻtkir Xoʻjayev", "O'tkir Xojayev", "Уткир Хужаев", "Utkir Khujaev", "Ўткир Хўжаев", "O‘tkir Xo‘jayev"
    })
    void oneNameWrittenInTheUsualWaysFoldsToOneKey(String written) {
        assertThat(NameKey.fold(written)).isEqualTo("utkir xujaev");
    }

    @Test
    void feminineEndingsAndPatronymicFormsFold() {
        assertThat(NameKey.fold("Aliyeva")).isEqualTo(NameKey.fold("Aliyev"));
        assertThat(NameKey.fold("Алиева")).isEqualTo(NameKey.fold("Aliyev"));
        assertThat(NameKey.fold("Akmal oʻgʻli")).isEqualTo(NameKey.fold("Akmalovich"));
        assertThat(NameKey.fold("Akmal qizi")).isEqualTo(NameKey.fold("Akmalovna"));
        assertThat(NameKey.fold("Шухрат")).isEqualTo(NameKey.fold("Shuhrat"));
        assertThat(NameKey.fold("Ғайрат")).isEqualTo(NameKey.fold("Gʻayrat"));
        assertThat(NameKey.fold("Джамшид")).isEqualTo(NameKey.fold("Jamshid"));
    }

    @Test
    void wholeNameKeyJoinsTheParts() {
        assertThat(NameKey.of("Xoʻjayev", "Oʻtkir", null)).isEqualTo("xujaev utkir");
        assertThat(NameKey.of("Xoʻjayev", "Oʻtkir", "Akmal oʻgʻli")).isEqualTo("xujaev utkir akmal");
    }

    @Test
    void textWithoutLettersFoldsToNothing() {
        assertThat(NameKey.fold("'-- ")).isEmpty();
        assertThat(NameKey.of("-", "'", null)).isEqualTo("?");
    }

    @Test
    void keyOfThreeLongestNamesFitsItsColumn() {
        String longest = "Щёцюя".repeat(20);

        String key = NameKey.of(longest, longest, longest);

        assertThat(longest).hasSize(PatientRules.NAME_MAX);
        assertThat(NameKey.fold(longest)).hasSizeGreaterThan(PatientRules.NAME_MAX);
        assertThat(key).hasSizeLessThanOrEqualTo(NameKey.MAX_LENGTH).startsWith(NameKey.fold(longest));
    }
}
