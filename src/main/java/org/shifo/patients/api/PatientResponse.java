package org.shifo.patients.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.shifo.patients.domain.PatientData;
import org.shifo.patients.domain.PatientRecord;

/** A patient record as the API shows it. */
record PatientResponse(
        String id,
        String medicalRecordNumber,
        String displayName,
        String familyName,
        String givenName,
        @Nullable String patronymic,
        String sex,
        LocalDate birthDate,
        int age,
        List<Phone> phones,
        @Nullable String email,
        Address address,
        String language,
        List<Identifier> identifiers,
        PatientData.@Nullable EmergencyContact emergencyContact,
        @Nullable String notes,
        PatientData.Consents consents,
        String status,
        @Nullable String mergedInto,
        boolean registeredAnyway,
        Instant createdAt,
        Instant updatedAt,
        int version) {

    record Phone(String number, boolean primary) {}

    record Address(String country, @Nullable String region, @Nullable String district, @Nullable String street) {}

    record Identifier(String type, String value, @Nullable String country) {}

    static PatientResponse from(PatientRecord record, LocalDate today, boolean clinicalDetails) {
        PatientData d = record.data();
        return new PatientResponse(
                record.id().toString(),
                record.medicalRecordNumber(),
                record.displayName(),
                d.familyName(),
                d.givenName(),
                d.patronymic(),
                d.sex().name(),
                d.birthDate(),
                record.ageOn(today),
                d.phones().stream().map(p -> new Phone(p.e164(), p.primary())).toList(),
                d.email(),
                new Address(
                        d.address().country(),
                        d.address().region(),
                        d.address().district(),
                        d.address().street()),
                d.language(),
                d.identifiers().stream()
                        .map(i -> new Identifier(
                                i.type().name(), i.value(), i.country().isEmpty() ? null : i.country()))
                        .toList(),
                d.emergencyContact(),
                clinicalDetails ? d.notes() : null,
                d.consents(),
                record.status().name(),
                record.mergedInto() == null ? null : record.mergedInto().toString(),
                record.registeredAnyway(),
                record.createdAt(),
                record.updatedAt(),
                record.version());
    }
}
