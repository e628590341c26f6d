package org.shifo.patients.api;

import java.time.LocalDate;
import java.time.Period;
import org.shifo.patients.persistence.PatientStore;

/** Summaries as list items. */
final class PatientItems {

    private PatientItems() {}

    static PatientSearchResponse.Item item(PatientStore.Summary s, LocalDate today) {
        return item(s, today, 0);
    }

    static PatientSearchResponse.Item item(PatientStore.Summary s, LocalDate today, int score) {
        return new PatientSearchResponse.Item(
                s.id().toString(),
                s.medicalRecordNumber(),
                s.displayName(),
                s.familyName(),
                s.givenName(),
                s.patronymic(),
                s.sex().name(),
                s.birthDate(),
                Period.between(s.birthDate(), today).getYears(),
                s.primaryPhone(),
                score);
    }
}
