package org.shifo.scheduling;

import org.shifo.identity.TenantId;
import org.shifo.patients.PatientId;

/**
 * A patient's own replies to a reminder about their appointment, through a channel another module owns (the
 * Telegram bot's Confirm and Cancel buttons): no staff member acts. The appointment must be the patient's, still
 * booked and not yet begun. Audited by scheduling ({@code appointment.confirm}, {@code appointment.cancel}, actor the
 * system process {@code scheduling}, detail {@code requestedBy=patient}); a cancellation frees the slot and publishes {@link
 * AppointmentCancelled} like one made at the desk. Each call is one transaction of its own in the organization's
 * scope.
 */
public interface AppointmentReplies {

    /** The channel a reply came through (stored with a confirmation). */
    enum Channel {
        TELEGRAM,
        PUSH
    }

    /** What became of a reply. */
    enum Outcome {
        /** Confirmed, or cancelled, now. */
        DONE,
        /** It already was (confirmed before, or cancelled before). */
        ALREADY,
        /** No longer possible: the appointment began, ended, was cancelled (for a confirmation) or checked in. */
        NOT_CHANGEABLE,
        /** No such appointment of this patient in the organization. */
        NOT_FOUND
    }

    /** The patient confirms they will come. */
    Outcome confirm(TenantId tenant, AppointmentId appointment, PatientId patient, Channel channel);

    /** The patient cancels (the reason stored is "cancelled by the patient via the channel"). */
    Outcome cancel(TenantId tenant, AppointmentId appointment, PatientId patient, Channel channel);
}
