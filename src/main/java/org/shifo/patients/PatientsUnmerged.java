package org.shifo.patients;

import java.util.List;
import java.util.Map;
import org.shifo.identity.TenantId;

/**
 * A merge was undone: each module moves the references it listed in the merge's {@link MergeJournal} (given
 * back here by kind) from {@code survivor} back to {@code merged}, in the same transaction as the undo.
 */
public record PatientsUnmerged(
        TenantId tenant,
        java.util.UUID mergeId,
        PatientId survivor,
        PatientId merged,
        Map<String, List<String>> movedReferences) {

    public PatientsUnmerged {
        movedReferences = Map.copyOf(movedReferences);
    }

    /** The ids of one kind that this module moved and must move back. */
    public List<String> moved(String kind) {
        return movedReferences.getOrDefault(kind, List.of());
    }
}
