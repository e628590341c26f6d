package org.shifo.patients.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class PinflTests {

    @Test
    void checkDigitIsTheIcao731WeightedSumModuloTen() {
        // 3 120385 026 001 ?: 3*7+1*3+2*1+0*7+3*3+8*1+5*7+0*3+2*1+6*7+0*3+0*1+1*7 = 129 -> 9
        assertThat(Pinfl.checkDigit("3120385026001" + "0")).isEqualTo(9);
        assertThat(Pinfl.hasValidCheckDigit("31203850260019")).isTrue();
        assertThat(Pinfl.hasValidCheckDigit("31203850260018")).isFalse();
    }

    @Test
    void firstDigitEncodesCenturyAndSex() {
        assertThat(Pinfl.sex("31203850260019")).contains(Sex.MALE);
        assertThat(Pinfl.birthDate("31203850260019")).contains(LocalDate.of(1985, 3, 12));
        assertThat(Pinfl.sex("61203150260019")).contains(Sex.FEMALE);
        assertThat(Pinfl.birthDate("61203150260019")).contains(LocalDate.of(2015, 3, 12));
        assertThat(Pinfl.birthDate("21203850260019")).contains(LocalDate.of(1885, 3, 12));
        assertThat(Pinfl.sex("71203850260019")).isEmpty();
        assertThat(Pinfl.birthDate("33102850260019")).isEmpty();
    }

    @Test
    void generatedNumbersAreValidAndMatchTheirPerson() {
        String pinfl = Pinfl.of(Sex.FEMALE, LocalDate.of(1990, 11, 5), 27, 123);
        assertThat(Pinfl.hasValidShape(pinfl)).isTrue();
        assertThat(Pinfl.hasValidCheckDigit(pinfl)).isTrue();
        assertThat(Pinfl.sex(pinfl)).contains(Sex.FEMALE);
        assertThat(Pinfl.birthDate(pinfl)).contains(LocalDate.of(1990, 11, 5));
    }
}
