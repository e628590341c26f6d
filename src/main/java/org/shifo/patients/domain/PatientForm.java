package org.shifo.patients.domain;

import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A patient record as a user or an integrator sent it, before validation: every field may be missing or
 * wrong. {@link PatientRules#check} turns it into {@link PatientData} or names every rule it breaks.
 */
public record PatientForm(
        @Nullable String familyName,
        @Nullable String givenName,
        @Nullable String patronymic,
        @Nullable String sex,
        @Nullable LocalDate birthDate,
        @Nullable List<@Nullable Phone> phones,
        @Nullable String email,
        @Nullable Address address,
        @Nullable String language,
        @Nullable List<@Nullable Identifier> identifiers,
        @Nullable EmergencyContact emergencyContact,
        @Nullable String notes,
        @Nullable Consents consents) {

    public record Phone(@Nullable String number, @Nullable Boolean primary) {}

    public record Address(
            @Nullable String country, @Nullable String region, @Nullable String district, @Nullable String street) {}

    public record Identifier(@Nullable String type, @Nullable String value, @Nullable String country) {}

    public record EmergencyContact(@Nullable String name, @Nullable String phone, @Nullable String relation) {}

    public record Consents(
            @Nullable Boolean sms,
            @Nullable Boolean telegram,
            @Nullable Boolean dataProcessing,
            @Nullable LocalDate dataProcessingDate) {}
}
