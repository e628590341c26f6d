package org.shifo.patients;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.shifo.identity.TenantId;

/**
 * What another module may look up about patients it refers to: the record number, the name to show, the birth
 * date, and whether the record is active or was merged into another. It does not write audit entries: the
 * module that shows or uses the data records the access in its own terms (an appointment list read, a booking).
 */
public interface PatientDirectory {

    /** Administrative sex as the record states it (FHIR {@code AdministrativeGender}). */
    enum AdministrativeSex {
        MALE,
        FEMALE,
        OTHER,
        UNKNOWN
    }

    /** A short view of one patient record. */
    record Entry(
            PatientId id,
            String medicalRecordNumber,
            String displayName,
            String initials,
            LocalDate birthDate,
            @Nullable String primaryPhone,
            boolean merged,
            @Nullable PatientId mergedInto,
            AdministrativeSex sex,
            String language) {}

    /** The record, unless it does not exist in this organization or was deleted. */
    Optional<Entry> find(TenantId tenant, PatientId id);

    /** The records found among these ids (missing and deleted ones are left out). */
    Map<PatientId, Entry> findAll(TenantId tenant, Collection<PatientId> ids);

    /**
     * The registry's search (name in any spelling, phone, identifier or record number) for a picker in another
     * module: at most {@code limit} active records, best first; nothing for a blank or unreadable query. Unlike
     * the lookups above, a search is the registry's own read and is audited as {@code patient.search} with the
     * ids shown, in the signed-in user's organization.
     */
    List<Entry> search(String query, int limit);
}
