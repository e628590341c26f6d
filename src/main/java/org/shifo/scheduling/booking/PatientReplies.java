package org.shifo.scheduling.booking;

import java.util.Objects;
import java.util.Optional;
import org.shifo.audit.AuditLog;
import org.shifo.identity.TenantContext;
import org.shifo.identity.TenantId;
import org.shifo.patients.PatientId;
import org.shifo.scheduling.AppointmentId;
import org.shifo.scheduling.AppointmentReplies;
import org.shifo.scheduling.domain.Appointment;
import org.shifo.scheduling.domain.AppointmentStatus;
import org.shifo.scheduling.domain.IllegalTransitionException;
import org.shifo.scheduling.domain.SchedulingNotFoundException;
import org.shifo.scheduling.domain.SchedulingRuleException;
import org.shifo.scheduling.domain.Violation;
import org.shifo.scheduling.persistence.AppointmentStore;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** {@link AppointmentReplies} over the appointment book: a patient's Confirm and Cancel. */
@Component
class PatientReplies implements AppointmentReplies {

    private final AppointmentStore store;
    private final AppointmentBook book;
    private final SchedulingContext context;
    private final AuditLog audit;
    private final TransactionTemplate transactions;

    PatientReplies(
            AppointmentStore store,
            AppointmentBook book,
            SchedulingContext context,
            AuditLog audit,
            TransactionTemplate transactions) {
        this.store = store;
        this.book = book;
        this.context = context;
        this.audit = audit;
        this.transactions = transactions;
    }

    @Override
    public Outcome confirm(TenantId tenant, AppointmentId appointment, PatientId patient, Channel channel) {
        return TenantContext.callAs(
                tenant,
                () -> Objects.requireNonNull(transactions.execute(status -> {
                    Optional<Appointment> found = store.findForUpdate(tenant.value(), appointment)
                            .filter(a -> a.patient().equals(patient));
                    if (found.isEmpty()) {
                        return Outcome.NOT_FOUND;
                    }
                    Appointment current = found.get();
                    if (current.status() != AppointmentStatus.BOOKED
                            || !context.now().isBefore(current.start())) {
                        return Outcome.NOT_CHANGEABLE;
                    }
                    if (!store.confirm(tenant.value(), appointment, context.now(), channel.name())) {
                        return Outcome.ALREADY;
                    }
                    audit.record(org.shifo.audit.AuditEvent.of(
                                    tenant.value(),
                                    context.actor(),
                                    "appointment.confirm",
                                    "appointment",
                                    appointment.toString(),
                                    org.shifo.audit.AuditOutcome.SUCCESS)
                            .withDetail("patient", patient.value().toString())
                            .withDetail("requestedBy", "patient")
                            .withDetail("channel", channel.name()));
                    return Outcome.DONE;
                })));
    }

    @Override
    public Outcome cancel(TenantId tenant, AppointmentId appointment, PatientId patient, Channel channel) {
        return TenantContext.callAs(
                tenant,
                () -> Objects.requireNonNull(transactions.execute(status -> {
                    Optional<Appointment> found = store.find(tenant.value(), appointment)
                            .filter(a -> a.patient().equals(patient));
                    if (found.isEmpty()) {
                        return Outcome.NOT_FOUND;
                    }
                    if (found.get().status() == AppointmentStatus.CANCELLED) {
                        return Outcome.ALREADY;
                    }
                    try {
                        book.cancelOnPatientRequest(
                                appointment.value(), "cancelled by the patient (" + channel.name() + ")", current -> {
                                    if (!current.patient().equals(patient)
                                            || current.status() != AppointmentStatus.BOOKED
                                            || !context.now().isBefore(current.start())) {
                                        throw SchedulingRuleException.refused(
                                                Violation.of("status", "not-changeable", "can no longer be cancelled"));
                                    }
                                    return null;
                                });
                        return Outcome.DONE;
                    } catch (SchedulingRuleException
                            | IllegalTransitionException
                            | SchedulingNotFoundException refused) {
                        status.setRollbackOnly();
                        return Outcome.NOT_CHANGEABLE;
                    }
                })));
    }
}
