package org.shifo.patients.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.shifo.patients.domain.PatientForm;

/**
 * A patient record as sent to {@code POST /api/v1/patients} and {@code PUT /api/v1/patients/{id}}. Every rule is
 * checked on the server (see {@code PatientRules}); each failure names its field.
 */
@Schema(name = "PatientRequest")
record PatientRequest(
        @Schema(example = "Xoʻjayev") @Nullable String familyName,
        @Schema(example = "Oʻtkir") @Nullable String givenName,
        @Schema(example = "Akmal oʻgʻli") @Nullable String patronymic,
        @Schema(allowableValues = {"MALE", "FEMALE", "OTHER", "UNKNOWN"}) @Nullable String sex,
        @Nullable LocalDate birthDate,
        @Nullable List<PatientForm.@Nullable Phone> phones,
        @Nullable String email,
        PatientForm.@Nullable Address address,
        @Schema(allowableValues = {"uz", "ru", "en"}) @Nullable String language,
        @Nullable List<PatientForm.@Nullable Identifier> identifiers,
        PatientForm.@Nullable EmergencyContact emergencyContact,
        @Nullable String notes,
        PatientForm.@Nullable Consents consents,
        @Schema(description = "register although strong duplicate candidates exist (POST only; audited)") @Nullable
                Boolean registerAnyway,
        @Schema(description = "the version the edit started from (PUT only); a stale one answers 409") @Nullable
                Integer version) {

    PatientForm toForm() {
        return new PatientForm(
                familyName,
                givenName,
                patronymic,
                sex,
                birthDate,
                phones,
                email,
                address,
                language,
                identifiers,
                emergencyContact,
                notes,
                consents);
    }
}
