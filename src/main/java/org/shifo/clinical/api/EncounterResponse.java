package org.shifo.clinical.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.clinical.domain.Diagnosis;
import org.shifo.clinical.domain.Encounter;
import org.shifo.clinical.domain.VitalFlag;
import org.shifo.clinical.domain.Vitals;
import org.shifo.clinical.encounters.EncounterView;
import org.shifo.clinical.lab.api.LabResultResponse;
import org.springframework.context.MessageSource;

/** An encounter as the API shows it; times carry the branch's offset. */
record EncounterResponse(
        UUID id,
        UUID patientId,
        @Nullable String patientName,
        UUID practitionerId,
        String practitionerName,
        UUID branchId,
        String branchName,
        @Nullable UUID appointmentId,
        @Nullable UUID ticketId,
        String status,
        @Nullable String template,
        Map<String, String> notes,
        int version,
        String startedAt,
        @Nullable String closedAt,
        @Nullable UUID closedBy,
        List<VitalsResponse> vitals,
        List<DiagnosisResponse> diagnoses,
        List<LabResultResponse> labResults) {

    static EncounterResponse from(EncounterView view, MessageSource messages, Locale language) {
        Encounter e = view.encounter();
        ZoneId zone = view.zone();
        return new EncounterResponse(
                e.id(),
                e.patientId(),
                view.patient() == null ? null : view.patient().displayName(),
                e.practitionerId(),
                view.practitionerName(),
                e.branchId(),
                view.branchName(),
                e.appointmentId(),
                e.ticketId(),
                e.status().name(),
                e.template(),
                e.notes().byName(),
                e.version(),
                time(e.startedAt(), zone),
                e.closedAt() == null ? null : time(e.closedAt(), zone),
                e.closedBy(),
                view.vitals().stream()
                        .map(v -> VitalsResponse.from(v, zone, messages, language))
                        .toList(),
                view.diagnoses().stream().map(DiagnosisResponse::from).toList(),
                view.labResults().stream()
                        .map(shown -> LabResultResponse.from(shown, language.getLanguage()))
                        .toList());
    }

    static String time(Instant instant, ZoneId zone) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                instant.atZone(zone).toOffsetDateTime());
    }

    /** A flag as the API shows it: the measure, the stable code, the rule in the caller's language. */
    record FlagResponse(String measure, String code, String message) {

        static FlagResponse from(VitalFlag flag, MessageSource messages, Locale language) {
            String message = messages.getMessage(
                    "clinical.flag." + flag.code(), flag.arguments().toArray(), flag.message(), language);
            return new FlagResponse(flag.measure(), flag.code(), message == null ? flag.message() : message);
        }
    }

    record VitalsResponse(
            UUID id,
            UUID encounterId,
            String measuredAt,
            @Nullable Integer systolic,
            @Nullable Integer diastolic,
            @Nullable Integer pulse,
            @Nullable Integer respiratoryRate,
            @Nullable BigDecimal temperatureC,
            @Nullable Integer spo2,
            @Nullable BigDecimal weightKg,
            @Nullable BigDecimal heightCm,
            @Nullable BigDecimal bmi,
            @Nullable Integer painScore,
            List<FlagResponse> flags,
            UUID recordedBy) {

        static VitalsResponse from(Vitals v, ZoneId zone, MessageSource messages, Locale language) {
            return new VitalsResponse(
                    v.id(),
                    v.encounterId(),
                    time(v.measuredAt(), zone),
                    v.systolic(),
                    v.diastolic(),
                    v.pulse(),
                    v.respiratoryRate(),
                    v.temperatureC(),
                    v.spo2(),
                    v.weightKg(),
                    v.heightCm(),
                    v.bmi(),
                    v.painScore(),
                    v.flags().stream()
                            .map(f -> FlagResponse.from(f, messages, language))
                            .toList(),
                    v.recordedBy());
        }
    }

    record DiagnosisResponse(
            UUID id,
            String system,
            String code,
            String display,
            boolean verified,
            String kind,
            String status,
            @Nullable LocalDate onsetDate,
            UUID recordedBy,
            Instant recordedAt) {

        static DiagnosisResponse from(Diagnosis d) {
            return new DiagnosisResponse(
                    d.id(),
                    d.system(),
                    d.code(),
                    d.display(),
                    d.verified(),
                    d.kind().name(),
                    d.status().name(),
                    d.onsetDate(),
                    d.recordedBy(),
                    d.recordedAt());
        }
    }
}
