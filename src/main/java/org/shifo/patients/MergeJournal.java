package org.shifo.patients;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the modules moved from the merged record to the survivor during one merge, so an undo can move back
 * exactly those references. A module's listener of {@link PatientsMerged} adds one entry per kind of
 * reference it moved ({@code "scheduling.appointment"} → the appointment ids); the same ids come back to it in
 * {@link PatientsUnmerged}.
 */
public final class MergeJournal {

    private final Map<String, List<String>> moved = new LinkedHashMap<>();

    /** Records that the references of {@code kind} with these ids now point to the survivor. */
    public synchronized void moved(String kind, Collection<String> ids) {
        if (!kind.matches("[a-z][a-z0-9_]*\\.[a-z][a-z0-9_.]*")) {
            throw new IllegalArgumentException("kind must be <module>.<noun>");
        }
        if (!ids.isEmpty()) {
            moved.computeIfAbsent(kind, k -> new ArrayList<>()).addAll(ids);
        }
    }

    /** Everything moved so far, by kind. */
    public synchronized Map<String, List<String>> entries() {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        moved.forEach((kind, ids) -> copy.put(kind, List.copyOf(ids)));
        return copy;
    }
}
