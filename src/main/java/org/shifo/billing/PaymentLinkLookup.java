package org.shifo.billing;

import java.util.Optional;

/**
 * The link a patient follows to pay an invoice online, for another module to send (notifications): PayMe's
 * checkout link when the organization has set PayMe up, else Click's, else none. In the caller's organization
 * scope; not audited (a payment reference and an amount only).
 */
public interface PaymentLinkLookup {

    /**
     * @param paymentReference the invoice's payment reference
     * @param outstanding the amount to pay, in tiyin
     * @param language uz, ru or en (PayMe's page language)
     */
    Optional<String> link(String paymentReference, long outstanding, String language);
}
