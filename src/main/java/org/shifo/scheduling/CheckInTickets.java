package org.shifo.scheduling;

import java.util.Optional;

/**
 * The queue's answer to a check-in: the ticket it issued for the appointment. Implemented by the queue module
 * (which handles {@link PatientCheckedIn} inside the check-in transaction), so the check-in can answer with the
 * ticket without scheduling depending on the queue.
 */
public interface CheckInTickets {

    /** The ticket a patient received on arrival. */
    record IssuedTicket(String id, String queueId, String number, int position, int estimatedWaitMinutes) {}

    /** The live ticket of an appointment, if the queue issued one. */
    Optional<IssuedTicket> forAppointment(AppointmentId appointment);
}
