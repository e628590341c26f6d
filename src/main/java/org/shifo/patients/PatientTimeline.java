package org.shifo.patients;

import java.util.List;

/**
 * A contributor to the timeline on a patient's page. The registry contributes the record's own history
 * (registered, edited, merged); later modules declare a bean of their own to add their events (appointments
 * booked, visits, invoices). The page asks every contributor, merges their entries newest first and shows the
 * first ones. A contributor runs in the signed-in user's organization scope and returns only entries that user
 * may see; it must be quick (one indexed query), because the page waits for it.
 */
public interface PatientTimeline {

    /** At most {@code limit} entries about the patient, in any order. */
    List<PatientTimelineEntry> entries(PatientId patient, int limit);
}
