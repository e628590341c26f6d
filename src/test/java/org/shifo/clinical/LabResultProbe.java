package org.shifo.clinical;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/** Hears {@link LabResultRecorded} and {@link LabResultsReleased} as notifications will: only once the recording transaction has committed. */
@Component
public class LabResultProbe {

    private final List<LabResultRecorded> heard = new CopyOnWriteArrayList<>();
    private final List<LabResultsReleased> releases = new CopyOnWriteArrayList<>();

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void on(LabResultRecorded event) {
        heard.add(event);
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void on(LabResultsReleased event) {
        releases.add(event);
    }

    /** The releases heard, oldest first. */
    public List<LabResultsReleased> releases() {
        return List.copyOf(releases);
    }

    public List<LabResultRecorded> heard() {
        return List.copyOf(heard);
    }
}
