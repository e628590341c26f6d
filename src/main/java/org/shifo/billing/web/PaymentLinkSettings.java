package org.shifo.billing.web;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the patients' payment links point ({@code SHIFO_BILLING_LINKS_*}, docs/configuration.md): the providers'
 * production pages by default; a clinic testing against PayMe's sandbox sets {@code https://test.paycom.uz/}.
 *
 * @param paymeCheckout PayMe's checkout page (the base64 parameters are appended)
 * @param clickPay Click's payment page (the query is appended)
 */
@ConfigurationProperties("shifo.billing.links")
@Validated
record PaymentLinkSettings(
        @DefaultValue("https://checkout.paycom.uz/") @NotNull URI paymeCheckout,
        @DefaultValue("https://my.click.uz/services/pay") @NotNull URI clickPay) {}
