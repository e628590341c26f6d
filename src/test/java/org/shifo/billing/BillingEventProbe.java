package org.shifo.billing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/** Hears billing's events as receipts and notifications will: only once the paying transaction has committed. */
@Component
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
