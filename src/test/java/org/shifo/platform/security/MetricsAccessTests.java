package org.shifo.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricsAccessTests {

    @Test
    void recognisesLoopbackAddresses() {
        assertThat(MetricsAccess.isLoopback("127.0.0.1")).isTrue();
        assertThat(MetricsAccess.isLoopback("127.5.6.7")).isTrue();
        assertThat(MetricsAccess.isLoopback("0:0:0:0:0:0:0:1")).isTrue();
        assertThat(MetricsAccess.isLoopback("::1")).isTrue();
    }

    @Test
    void refusesOtherAddressesAndNames() {
        assertThat(MetricsAccess.isLoopback("10.0.0.1")).isFalse();
        assertThat(MetricsAccess.isLoopback("203.0.113.7")).isFalse();
        assertThat(MetricsAccess.isLoopback("localhost")).isFalse();
        assertThat(MetricsAccess.isLoopback("")).isFalse();
        assertThat(MetricsAccess.isLoopback(null)).isFalse();
    }
}
