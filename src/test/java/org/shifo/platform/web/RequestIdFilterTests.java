package org.shifo.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestIdFilterTests {

    @Test
    void keepsAWellFormedId() {
        assertThat(RequestIdFilter.accept("0af7651916cd43dd8448eb211c80319c"))
                .isEqualTo("0af7651916cd43dd8448eb211c80319c");
    }

    @Test
    void replacesAnIdThatCouldForgeALogLine() {
        assertThat(RequestIdFilter.accept("abc\nERROR forged"))
                .doesNotContain("forged")
                .hasSize(36);
    }

    @Test
    void replacesAnOverlongId() {
        assertThat(RequestIdFilter.accept("a".repeat(129))).hasSize(36);
    }

    @Test
    void generatesAnIdWhenNoneIsOffered() {
        assertThat(RequestIdFilter.accept(null)).hasSize(36);
    }
}
