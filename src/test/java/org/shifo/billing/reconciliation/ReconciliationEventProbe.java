package org.shifo.billing.reconciliation;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.shifo.billing.ReconciliationFound;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/** Hears {@link ReconciliationFound} as a notification would: once the run has committed. */
@Component
public class ReconciliationEventProbe {

    private final List<ReconciliationFound> found = new CopyOnWriteArrayList<>();

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void on(ReconciliationFound event) {
        found.add(event);
    }

    public List<ReconciliationFound> of(java.util.UUID run) {
        return found.stream().filter(e -> e.runId().equals(run)).toList();
    }
}
