package org.shifo.billing.payme;

import org.shifo.platform.OwnBodyLimit;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * PayMe's endpoint reads its body itself (at most {@link PaymeEndpoint#MAX_BODY} bytes) and answers anything
 * larger with JSON-RPC's parse error at HTTP 200, as PayMe requires, instead of the platform's 413.
 */
@Configuration(proxyBeanMethods = false)
class PaymeBodyLimit {

    @Bean
    OwnBodyLimit paymeOwnBodyLimit() {
        return new OwnBodyLimit("/api/v1/payments/payme");
    }
}
