package org.shifo.clinical;

import java.util.Optional;
import java.util.UUID;
import org.shifo.identity.TenantId;
import org.shifo.identity.UserId;

/** What another module may ask about a laboratory result it heard of ({@link LabResultRecorded}): ids only. */
public interface LabResultLookup {

    /** How far back a patient's latest encounter still makes its practitioner answerable for a new result. */
    int ATTENDING_WINDOW_DAYS = 90;

    /**
     * The practitioner to alert about the result: the practitioner of the result's encounter; for a result
     * recorded without one, the practitioner of the patient's latest encounter started within {@link
     * #ATTENDING_WINDOW_DAYS} days before it (the attending practitioner); empty when there is none.
     */
    Optional<UserId> responsiblePractitioner(TenantId tenant, UUID resultId);
}
