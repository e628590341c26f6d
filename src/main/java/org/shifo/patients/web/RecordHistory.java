package org.shifo.patients.web;

import java.util.ArrayList;
import java.util.List;
import org.shifo.audit.AuditEntry;
import org.shifo.audit.AuditFilter;
import org.shifo.audit.AuditPageRequest;
import org.shifo.audit.AuditTrail;
import org.shifo.identity.CurrentUser;
import org.shifo.patients.PatientId;
import org.shifo.patients.PatientTimeline;
import org.shifo.patients.PatientTimelineEntry;
import org.springframework.stereotype.Component;

/**
 * The record's own history from the audit trail: registered, edited, merged and unmerged on the timeline, and
 * every read and change for the administrators' access history.
 */
@Component
class RecordHistory implements PatientTimeline {

    /** The audited actions that belong on the timeline; reads do not. */
    static final List<String> TIMELINE_ACTIONS =
            List.of("patient.register", "patient.update", "patient.merge", "patient.unmerge");

    private final AuditTrail trail;

    RecordHistory(AuditTrail trail) {
        this.trail = trail;
    }

    @Override
    public List<PatientTimelineEntry> entries(PatientId patient, int limit) {
        List<PatientTimelineEntry> entries = new ArrayList<>();
        for (String action : TIMELINE_ACTIONS) {
            for (AuditEntry entry : trail.search(filter(patient).withAction(action), AuditPageRequest.first(limit))
                    .entries()) {
                entries.add(timelineEntry(entry));
            }
        }
        return entries;
    }

    private static PatientTimelineEntry timelineEntry(AuditEntry entry) {
        String other = entry.details().getOrDefault("merged", entry.details().get("survivor"));
        String key = "patients.timeline." + entry.action().substring("patient.".length());
        if (entry.action().equals("patient.register") && entry.details().containsKey("registeredAnyway")) {
            key = "patients.timeline.registerAnyway";
        }
        return new PatientTimelineEntry(
                entry.occurredAt(),
                key,
                List.of(entry.actor().displayName()),
                other == null ? null : "/patients/" + other);
    }

    /** Who read or changed the record, newest first. */
    List<AuditEntry> accessHistory(PatientId patient, int limit) {
        return trail.search(filter(patient), AuditPageRequest.first(limit)).entries();
    }

    private static AuditFilter filter(PatientId patient) {
        return AuditFilter.forTenant(CurrentUser.get().tenantId().value()).withTarget("patient", patient.toString());
    }
}
