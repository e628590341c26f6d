package org.shifo.billing.payme;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class PaymeCredentialsTests {

    @Test
    void theSpecsExampleHeaderIsPaycomAndTheKey() {
        PaymeEndpoint.Credentials credentials = PaymeEndpoint.Credentials.parse("Basic UGF5Y29tOlRlc3RLZXkmMTIz");
        assertThat(credentials).isNotNull();
        assertThat(credentials.login()).isEqualTo("Paycom");
        assertThat(credentials.password()).isEqualTo("TestKey&123");
        assertThat(credentials.toString()).doesNotContain("TestKey");
    }

    @Test
    void thePasswordMayContainColonsAndTheSchemeAnyCase() {
        String header = "basic " + java.util.Base64.getEncoder().encodeToString("Paycom:a:b:c".getBytes());
        assertThat(PaymeEndpoint.Credentials.parse(header)).isEqualTo(new PaymeEndpoint.Credentials("Paycom", "a:b:c"));
    }

    @Test
    void anythingElseIsNoCredentials() {
        assertThat(PaymeEndpoint.Credentials.parse(null)).isNull();
        assertThat(PaymeEndpoint.Credentials.parse("Bearer abc")).isNull();
        assertThat(PaymeEndpoint.Credentials.parse("Basic !!!not-base64")).isNull();
        assertThat(PaymeEndpoint.Credentials.parse(
                        "Basic " + java.util.Base64.getEncoder().encodeToString("Paycom".getBytes())))
                .isNull();
        assertThat(PaymeEndpoint.Credentials.parse(
                        "Basic " + java.util.Base64.getEncoder().encodeToString("Paycom:".getBytes())))
                .isNull();
    }

    @Test
    void amountsAreWholePositiveTiyinThatFitALong() {
        assertThat(PaymeParams.tiyin(new BigDecimal("5000000"))).isEqualTo(5_000_000L);
        assertThat(PaymeParams.tiyin(new BigDecimal("5000000.00"))).isEqualTo(5_000_000L);
        assertThat(PaymeParams.tiyin(new BigDecimal("5000000.5"))).isEqualTo(-1);
        assertThat(PaymeParams.tiyin(new BigDecimal("0"))).isEqualTo(-1);
        assertThat(PaymeParams.tiyin(new BigDecimal("-1"))).isEqualTo(-1);
        assertThat(PaymeParams.tiyin(new BigDecimal("1E+30"))).isEqualTo(-1);
        assertThat(PaymeParams.tiyin(new BigDecimal("5E+6"))).isEqualTo(5_000_000L);
    }
}
