package org.shifo.audit.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressLiteralTests {

    @ParameterizedTest
    @CsvSource({
        "192.0.2.10, 192.0.2.10",
        "0.0.0.0, 0.0.0.0",
        "255.255.255.255, 255.255.255.255",
        "::1, ::1",
        "0:0:0:0:0:0:0:1, 0:0:0:0:0:0:0:1",
        "2001:DB8::8a2e:370:7334, 2001:db8::8a2e:370:7334",
        "[2001:db8::1], 2001:db8::1",
        "fe80::1%eth0, fe80::1",
        "::ffff:192.0.2.1, ::ffff:192.0.2.1",
        "::, ::",
    })
    void acceptsAddressLiterals(String candidate, String normalized) {
        assertThat(IpAddressLiteral.normalize(candidate)).contains(normalized);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "unknown",
                "localhost",
                "256.1.1.1",
                "1.2.3",
                "1.2.3.4.5",
                "1..2.3",
                "1:2:3:4:5:6:7:8:9",
                "1::2::3",
                "12345::1",
                "g::1",
                "::1.2.3",
                "1.2.3.4, 5.6.7.8",
                "1.2.3.4; DROP TABLE audit.entries"
            })
    void refusesAnythingElse(String candidate) {
        assertThat(IpAddressLiteral.normalize(candidate)).isEmpty();
    }
}
