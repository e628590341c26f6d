package org.shifo.scheduling;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.shifo.identity.BranchId;
import org.shifo.identity.TenantId;
import org.shifo.identity.UserId;
import org.shifo.patients.PatientId;

/**
 * What another module may ask about an appointment it refers to (an encounter opened for it): who, where, when
 * and its status. Not audited: the caller records the access in its own terms.
 */
public interface AppointmentLookup {

    /**
     * The facts of one appointment. {@code status} is the name of its status (BOOKED, CHECKED_IN, ...); {@code
     * service} the id of the service booked (see {@link ServiceLookup}).
     */
    record Summary(
            AppointmentId id,
            PatientId patient,
            UserId practitioner,
            BranchId branch,
            String status,
            Instant start,
            Instant end,
            UUID service) {}

    /** The appointment, unless it does not exist in this organization. */
    Optional<Summary> find(TenantId tenant, AppointmentId id);
}
