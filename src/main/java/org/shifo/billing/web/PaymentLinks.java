package org.shifo.billing.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.shifo.billing.providers.ProviderCredentials;
import org.shifo.platform.QrCodes;
import org.springframework.stereotype.Component;

/**
 * The links that send a patient to pay an invoice's outstanding amount through PayMe or Click, with their QR
 * codes, when the organization has set the provider up. PayMe's checkout link (PayMe spec §14): {@code
 * https://checkout.paycom.uz/} + base64 of {@code m=<cashbox>;ac.<account field>=<reference>;a=<tiyin>;l=<lang>};
 * Click's (Click spec §2): {@code https://my.click.uz/services/pay?service_id=&merchant_id=&amount=<so'm>
 * &transaction_param=<reference>}. Both base addresses are settings ({@link PaymentLinkSettings}: a sandbox for
 * testing).
 */
@Component
class PaymentLinks implements org.shifo.billing.PaymentLinkLookup {

    private final ProviderCredentials credentials;
    private final String paymeCheckout;
    private final String clickPay;

    PaymentLinks(ProviderCredentials credentials, PaymentLinkSettings settings) {
        this.credentials = credentials;
        String checkout = settings.paymeCheckout().toString();
        this.paymeCheckout = checkout.endsWith("/") ? checkout : checkout + "/";
        this.clickPay = settings.clickPay().toString();
    }

    /** A provider's link and its QR code as a data URI. */
    record Link(String provider, String url, String qrCode) {}

    Optional<Link> payme(String reference, long outstanding, String language) {
        ProviderCredentials.Status status = credentials.status(ProviderCredentials.PAYME);
        if (!status.configured() || status.merchantId() == null) {
            return Optional.empty();
        }
        String field = status.accountField() == null ? "invoice_id" : status.accountField();
        String params =
                "m=" + status.merchantId() + ";ac." + field + "=" + reference + ";a=" + outstanding + ";l=" + language;
        String url = paymeCheckout + Base64.getEncoder().encodeToString(params.getBytes(StandardCharsets.UTF_8));
        return Optional.of(new Link("PAYME", url, QrCodes.dataUri(url, 200)));
    }

    Optional<Link> click(String reference, long outstanding) {
        ProviderCredentials.Status status = credentials.status(ProviderCredentials.CLICK);
        if (!status.configured() || status.serviceId() == null || status.merchantId() == null) {
            return Optional.empty();
        }
        String amount = outstanding / 100 + "." + String.format("%02d", outstanding % 100);
        String url = clickPay + "?service_id=" + encode(status.serviceId()) + "&merchant_id="
                + encode(status.merchantId()) + "&amount=" + amount + "&transaction_param=" + encode(reference);
        return Optional.of(new Link("CLICK", url, QrCodes.dataUri(url, 200)));
    }

    @Override
    public Optional<String> link(String paymentReference, long outstanding, String language) {
        return payme(paymentReference, outstanding, language)
                .or(() -> click(paymentReference, outstanding))
                .map(Link::url);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
