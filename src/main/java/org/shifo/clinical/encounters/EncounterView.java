package org.shifo.clinical.encounters;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.shifo.clinical.domain.Diagnosis;
import org.shifo.clinical.domain.Encounter;
import org.shifo.clinical.domain.Vitals;
import org.shifo.clinical.lab.LabResultBook;
import org.shifo.patients.PatientDirectory;

/**
 * An encounter with what the chart shows of it: the patient, the doctor's name, its vitals, diagnoses and the lab
 * results recorded with it.
 */
public record EncounterView(
        Encounter encounter,
        PatientDirectory.@Nullable Entry patient,
        String practitionerName,
        String branchName,
        java.time.ZoneId zone,
        List<Vitals> vitals,
        List<Diagnosis> diagnoses,
        List<LabResultBook.Shown> labResults) {

    public EncounterView {
        vitals = List.copyOf(vitals);
        diagnoses = List.copyOf(diagnoses);
        labResults = List.copyOf(labResults);
    }
}
