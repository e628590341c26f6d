package org.shifo.patients;

import org.shifo.identity.TenantId;

/**
 * Two records of one person were merged: every reference to {@code merged} must now point to {@code
 * survivor}. Published synchronously inside the merge transaction; each module that keeps patient ids
 * handles it with a plain {@code @EventListener} (not an asynchronous one), moves its references in that
 * same transaction and writes what it moved into the {@link MergeJournal}. If a listener fails, the whole
 * merge is rolled back.
 */
public record PatientsMerged(
        TenantId tenant, java.util.UUID mergeId, PatientId survivor, PatientId merged, MergeJournal journal) {}
