package org.shifo.billing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Hears billing's events as receipts and notifications will: only once the paying transaction has committed.
 * Only in the tests' profile: a synchronous listener holds the request's connection while Spring Modulith marks
 * its publication completed on a second one, which starves the pool under the benchmark's 64 clients.
 */
@Component
@org.springframework.context.annotation.Profile("test")
public class BillingEventProbe {

    private final List<InvoicePaid> paid = new CopyOnWriteArrayList<>();
    private final List<PaymentRefunded> refunded = new CopyOnWriteArrayList<>();

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void on(InvoicePaid event) {
        paid.add(event);
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void on(PaymentRefunded event) {
        refunded.add(event);
    }

    public List<InvoicePaid> paid(java.util.UUID invoice) {
        return paid.stream().filter(e -> e.invoiceId().equals(invoice)).toList();
    }

    public List<PaymentRefunded> refunded(java.util.UUID invoice) {
        return refunded.stream().filter(e -> e.invoiceId().equals(invoice)).toList();
    }
}
