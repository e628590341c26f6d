package org.shifo.patients.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.patients.PatientId;

/** A stored patient record. */
public record PatientRecord(
        PatientId id,
        UUID tenantId,
        long recordNumber,
        PatientData data,
        Status status,
        @Nullable PatientId mergedInto,
        boolean registeredAnyway,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant deletedAt,
        int version) {

    public enum Status {
        ACTIVE,
        MERGED
    }

    /** The human-friendly medical record number, {@code SH-000123}. */
    public String medicalRecordNumber() {
        return formatRecordNumber(recordNumber);
    }

    public static String formatRecordNumber(long number) {
        return String.format(Locale.ROOT, "SH-%06d", number);
    }

    /** "Family Given Patronymic", as written. */
    public String displayName() {
        return displayName(data.familyName(), data.givenName(), data.patronymic());
    }

    public static String displayName(String family, String given, @Nullable String patronymic) {
        return patronymic == null ? family + " " + given : family + " " + given + " " + patronymic;
    }

    /** Age in whole years on {@code today} (the date in the branch's time zone). */
    public int ageOn(LocalDate today) {
        return Period.between(data.birthDate(), today).getYears();
    }
}
