package org.shifo.clinical.domain;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An encounter as stored: who, where, from which appointment or ticket, its state and its note. */
public record Encounter(
        UUID id,
        UUID patientId,
        UUID practitionerId,
        UUID branchId,
        @Nullable UUID appointmentId,
        @Nullable UUID ticketId,
        EncounterStatus status,
        @Nullable String template,
        NoteSections notes,
        int version,
        Instant startedAt,
        @Nullable Instant closedAt,
        @Nullable UUID closedBy,
        UUID createdBy,
        Instant updatedAt) {

    public boolean isOpen() {
        return status == EncounterStatus.OPEN;
    }

    public Encounter withNotes(NoteSections changed, @Nullable String changedTemplate, Instant at) {
        return new Encounter(
                id,
                patientId,
                practitionerId,
                branchId,
                appointmentId,
                ticketId,
                status,
                changedTemplate,
                changed,
                version,
                startedAt,
                closedAt,
                closedBy,
                createdBy,
                at);
    }

    public Encounter closed(UUID by, Instant at) {
        return new Encounter(
                id,
                patientId,
                practitionerId,
                branchId,
                appointmentId,
                ticketId,
                EncounterStatus.CLOSED,
                template,
                notes,
                version,
                startedAt,
                at,
                by,
                createdBy,
                at);
    }

    public Encounter amended(NoteSections changed, Instant at) {
        return new Encounter(
                id,
                patientId,
                practitionerId,
                branchId,
                appointmentId,
                ticketId,
                status,
                template,
                changed,
                version + 1,
                startedAt,
                closedAt,
                closedBy,
                createdBy,
                at);
    }
}
