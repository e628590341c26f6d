package org.shifo.patients.registry;

import java.time.LocalDate;
import org.shifo.patients.PatientId;
import org.shifo.patients.domain.DuplicateScore;

/** An existing record that may be the same person, with the score and the reasons. */
public record Candidate(
        PatientId id, String medicalRecordNumber, String displayName, LocalDate birthDate, DuplicateScore match) {}
