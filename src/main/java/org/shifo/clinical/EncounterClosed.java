package org.shifo.clinical;

import java.time.Instant;
import java.util.UUID;
import org.shifo.identity.BranchId;
import org.shifo.identity.TenantId;
import org.shifo.identity.UserId;
import org.shifo.patients.PatientId;

/** A doctor closed an encounter (with its primary diagnosis); billing and notifications may follow up. */
public record EncounterClosed(
        TenantId tenant,
        UUID encounterId,
        PatientId patient,
        UserId practitioner,
        BranchId branch,
        String primarySystem,
        String primaryCode,
        Instant closedAt) {}
