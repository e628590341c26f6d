package org.shifo.patients.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.shifo.patients.domain.NameKey;

class PatientQueriesTests {

    @ParameterizedTest
    @CsvSource({"Mirzay, Mirzayev", "Xoʻjay, Xoʻjayev", "Kar, Karimov", "Toshm, Toshmatov", "Mirzaye, Mirzayeva"})
    void aTypedBeginningOfANameStartsARangeThatHoldsTheNamesKey(String typed, String name) {
        String key = NameKey.fold(name);
        String start = PatientQueries.rangeStart(NameKey.fold(typed));

        assertThat(key.compareTo(start)).isGreaterThanOrEqualTo(0);
        assertThat(key.compareTo(PatientQueries.successor(start))).isLessThan(0);
    }
}
