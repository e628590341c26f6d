package org.shifo.queue;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.identity.BranchId;
import org.shifo.identity.TenantId;
import org.shifo.patients.PatientId;

/** A patient was called to a room (first call or a recall). */
public record TicketCalled(
        TenantId tenant,
        BranchId branch,
        UUID queueId,
        UUID ticketId,
        String number,
        PatientId patient,
        @Nullable String room,
        int callCount,
        Instant at) {}
