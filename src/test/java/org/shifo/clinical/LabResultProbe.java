package org.shifo.clinical;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/** Hears {@link LabResultRecorded} as notifications will: only once the recording transaction has committed. */
@Component
public class LabResultProbe {

    private final List<LabResultRecorded> heard = new CopyOnWriteArrayList<>();

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void on(LabResultRecorded event) {
        heard.add(event);
    }

    public List<LabResultRecorded> heard() {
        return List.copyOf(heard);
    }
}
