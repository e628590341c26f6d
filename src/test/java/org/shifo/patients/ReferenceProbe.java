package org.shifo.patients;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Plays a module that keeps patient references (as appointments will), the way every such module follows a
 * merge: moves its references on {@link PatientsMerged}, lists them in the journal, moves exactly those back on
 * {@link PatientsUnmerged}.
 */
@Component
public class ReferenceProbe {

    public static final String KIND = "probe.appointment";

    private final Map<String, UUID> references = new ConcurrentHashMap<>();

    public String add(PatientId patient) {
        String id = UUID.randomUUID().toString();
        references.put(id, patient.value());
        return id;
    }

    public UUID patientOf(String reference) {
        return references.get(reference);
    }

    @EventListener
    void on(PatientsMerged merged) {
        List<String> moved = new ArrayList<>();
        references.forEach((reference, patient) -> {
            if (patient.equals(merged.merged().value())) {
                references.put(reference, merged.survivor().value());
                moved.add(reference);
            }
        });
        merged.journal().moved(KIND, moved);
    }

    @EventListener
    void on(PatientsUnmerged unmerged) {
        unmerged.moved(KIND)
                .forEach(
                        reference -> references.put(reference, unmerged.merged().value()));
    }
}
