package org.shifo.identity.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;

class UserAgentSummaryTests {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0 | Firefox · Linux",
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0"
                        + " Safari/537.36 Edg/130.0.0.0 | Edge · Windows",
                "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile"
                        + " Safari/537.36 | Chrome · Android",
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko)"
                        + " Version/17.5 Mobile/15E148 Safari/604.1 | Safari · iOS",
                "curl/8.5.0 | curl",
                "Java-http-client/21.0.5 | Java-http-client",
            })
    void namesTheBrowserAndSystemOrTheProgram(String userAgent, String summary) {
        assertThat(UserAgentSummary.of(userAgent)).isEqualTo(summary);
    }

    @ParameterizedTest
    @NullAndEmptySource
    void hasNoSummaryForAMissingHeader(String userAgent) {
        assertThat(UserAgentSummary.of(userAgent)).isNull();
    }

    @org.junit.jupiter.api.Test
    void keepsNothingButAShortProductName() {
        assertThat(UserAgentSummary.of("<script>alert(1)</script>")).isNull();
        assertThat(UserAgentSummary.of("x".repeat(500))).hasSizeLessThanOrEqualTo(40);
    }
}
