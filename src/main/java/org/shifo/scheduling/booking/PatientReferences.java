package org.shifo.scheduling.booking;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.shifo.identity.BranchId;
import org.shifo.patients.PatientId;
import org.shifo.patients.PatientTimeline;
import org.shifo.patients.PatientTimelineEntry;
import org.shifo.patients.PatientsMerged;
import org.shifo.patients.PatientsUnmerged;
import org.shifo.scheduling.domain.Appointment;
import org.shifo.scheduling.persistence.AppointmentStore;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Scheduling's part in the patient registry: appointments follow a merge (and its undo), and a patient's
 * timeline shows their appointments.
 */
@Component
class PatientReferences implements PatientTimeline {

    static final String KIND = "scheduling.appointment";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final AppointmentStore store;
    private final SchedulingContext context;

    PatientReferences(AppointmentStore store, SchedulingContext context) {
        this.store = store;
        this.context = context;
    }

    @EventListener
    void on(PatientsMerged merged) {
        List<String> moved = store.movePatient(merged.tenant().value(), merged.merged(), merged.survivor());
        merged.journal().moved(KIND, moved);
    }

    @EventListener
    void on(PatientsUnmerged unmerged) {
        store.movePatientBack(unmerged.tenant().value(), unmerged.moved(KIND), unmerged.merged());
    }

    @Override
    @org.springframework.transaction.annotation.Transactional(readOnly = true)
    public List<PatientTimelineEntry> entries(PatientId patient, int limit) {
        List<Appointment> appointments = store.ofPatient(context.tenantValue(), patient, limit);
        if (appointments.isEmpty()) {
            return List.of();
        }
        Map<BranchId, ZoneId> zones = context.zones();
        return appointments.stream()
                .map(a -> new PatientTimelineEntry(
                        a.createdAt(),
                        "scheduling.timeline." + a.status().name().toLowerCase(java.util.Locale.ROOT),
                        List.of(a.start()
                                .atZone(zones.getOrDefault(a.branch(), ZoneId.of("Asia/Tashkent")))
                                .format(WHEN)),
                        "/appointments/" + a.id()))
                .toList();
    }
}
