package org.shifo.clinical.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.clinical.domain.Diagnosis;
import org.shifo.clinical.domain.DiagnosisKind;
import org.shifo.clinical.domain.DiagnosisStatus;
import org.shifo.clinical.domain.Encounter;
import org.shifo.clinical.domain.EncounterStatus;
import org.shifo.clinical.domain.EncounterVersion;
import org.shifo.clinical.domain.NoteSections;
import org.shifo.clinical.domain.VitalFlag;
import org.shifo.clinical.domain.Vitals;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Encounters with their previous versions, vitals and diagnoses (schema {@code clinical}). */
@Repository
public class EncounterStore {

    private static final String ENCOUNTER_COLUMNS =
            """
            id, patient_id, practitioner_id, branch_id, appointment_id, ticket_id, status, template, complaints,
            anamnesis, examination, dermatological_status, plan, recommendations, version, started_at, closed_at,
            closed_by, created_by, updated_at""";

    private static final String VITALS_COLUMNS =
            """
            id, encounter_id, patient_id, measured_at, systolic, diastolic, pulse, respiratory_rate, temperature_c,
            spo2, weight_kg, height_cm, bmi, pain_score, flags, recorded_by, recorded_at""";

    private static final String DIAGNOSIS_COLUMNS =
            """
            id, encounter_id, patient_id, system, code, display, verified, kind, status, onset_date, recorded_by,
            recorded_at""";

    private static final TypeReference<List<VitalFlag>> FLAGS = new TypeReference<>() {};

    private static final TypeReference<Map<String, String>> SECTIONS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    EncounterStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A page of a patient's chart: encounters started before {@code (beforeStart, beforeId)}, newest first. */
    public record Page(UUID tenant, UUID patient, @Nullable Instant beforeStart, @Nullable UUID beforeId, int limit) {}

    public void insert(UUID tenant, Encounter encounter, Instant now) {
        NoteSections notes = encounter.notes();
        jdbc.sql(
                        """
                        INSERT INTO clinical.encounters (id, tenant_id, patient_id, practitioner_id, branch_id,
                            appointment_id, ticket_id, status, template, complaints, anamnesis, examination,
                            dermatological_status, plan, recommendations, version, started_at, created_by,
                            created_at, updated_at)
                        VALUES (:id, :tenant, :patient, :practitioner, :branch, :appointment, :ticket, :status,
                            :template, :complaints, :anamnesis, :examination, :dermatological, :plan,
                            :recommendations, :version, :started, :createdBy, :now, :now)""")
                .param("id", encounter.id())
                .param("tenant", tenant)
                .param("patient", encounter.patientId())
                .param("practitioner", encounter.practitionerId())
                .param("branch", encounter.branchId())
                .param("appointment", encounter.appointmentId())
                .param("ticket", encounter.ticketId())
                .param("status", encounter.status().name())
                .param("template", encounter.template())
                .param("complaints", notes.complaints())
                .param("anamnesis", notes.anamnesis())
                .param("examination", notes.examination())
                .param("dermatological", notes.dermatologicalStatus())
                .param("plan", notes.plan())
                .param("recommendations", notes.recommendations())
                .param("version", encounter.version())
                .param("started", Timestamp.from(encounter.startedAt()))
                .param("createdBy", encounter.createdBy())
                .param("now", Timestamp.from(now))
                .update();
    }

    public Optional<Encounter> find(UUID tenant, UUID id) {
        return jdbc.sql("SELECT " + ENCOUNTER_COLUMNS
                        + " FROM clinical.encounters WHERE tenant_id = :tenant AND id = :id AND deleted_at IS NULL")
                .param("tenant", tenant)
                .param("id", id)
                .query(EncounterStore::encounter)
                .optional();
    }

    /** The encounter, locked until the transaction ends: changes of one encounter happen one after another. */
    public Optional<Encounter> lock(UUID tenant, UUID id) {
        return jdbc.sql(
                        "SELECT " + ENCOUNTER_COLUMNS
                                + """
                         FROM clinical.encounters WHERE tenant_id = :tenant AND id = :id AND deleted_at IS NULL
                        FOR UPDATE""")
                .param("tenant", tenant)
                .param("id", id)
                .query(EncounterStore::encounter)
                .optional();
    }

    public Optional<Encounter> findByAppointment(UUID tenant, UUID appointment) {
        return findBy("appointment_id", tenant, appointment);
    }

    public Optional<Encounter> findByTicket(UUID tenant, UUID ticket) {
        return findBy("ticket_id", tenant, ticket);
    }

    /** The live encounter whose {@code column} (a unique reference: appointment or ticket) is {@code value}. */
    private Optional<Encounter> findBy(String column, UUID tenant, UUID value) {
        return jdbc.sql("SELECT " + ENCOUNTER_COLUMNS + " FROM clinical.encounters WHERE tenant_id = :tenant AND "
                        + column + " = :value AND deleted_at IS NULL")
                .param("tenant", tenant)
                .param("value", value)
                .query(EncounterStore::encounter)
                .optional();
    }

    public void attachTicket(UUID tenant, UUID id, UUID ticket, Instant now) {
        jdbc.sql(
                        """
                        UPDATE clinical.encounters SET ticket_id = :ticket, updated_at = :now
                        WHERE tenant_id = :tenant AND id = :id AND ticket_id IS NULL""")
                .param("tenant", tenant)
                .param("id", id)
                .param("ticket", ticket)
                .param("now", Timestamp.from(now))
                .update();
    }

    /** Writes the note, the template, the status, the closing and the version of the encounter as given. */
    public void update(UUID tenant, Encounter encounter) {
        NoteSections notes = encounter.notes();
        jdbc.sql(
                        """
                        UPDATE clinical.encounters
                        SET template = :template, complaints = :complaints, anamnesis = :anamnesis,
                            examination = :examination, dermatological_status = :dermatological, plan = :plan,
                            recommendations = :recommendations, status = :status, closed_at = :closedAt,
                            closed_by = :closedBy, version = :version, updated_at = :updatedAt
                        WHERE tenant_id = :tenant AND id = :id""")
                .param("tenant", tenant)
                .param("id", encounter.id())
                .param("template", encounter.template())
                .param("complaints", notes.complaints())
                .param("anamnesis", notes.anamnesis())
                .param("examination", notes.examination())
                .param("dermatological", notes.dermatologicalStatus())
                .param("plan", notes.plan())
                .param("recommendations", notes.recommendations())
                .param("status", encounter.status().name())
                .param("closedAt", timestamp(encounter.closedAt()))
                .param("closedBy", encounter.closedBy())
                .param("version", encounter.version())
                .param("updatedAt", Timestamp.from(encounter.updatedAt()))
                .update();
    }

    /** A patient's encounters, newest first, one keyset page. */
    public List<Encounter> page(Page page) {
        String before = page.beforeStart() == null ? "" : " AND (started_at, id) < (:beforeStart, :beforeId)";
        var statement = jdbc.sql("SELECT " + ENCOUNTER_COLUMNS
                        + """
                         FROM clinical.encounters
                        WHERE tenant_id = :tenant AND patient_id = :patient AND deleted_at IS NULL"""
                        + before + """

                        ORDER BY started_at DESC, id DESC LIMIT :limit""")
                .param("tenant", page.tenant())
                .param("patient", page.patient())
                .param("limit", page.limit());
        if (page.beforeStart() != null) {
            statement = statement
                    .param("beforeStart", Timestamp.from(page.beforeStart()))
                    .param("beforeId", page.beforeId());
        }
        return statement.query(EncounterStore::encounter).list();
    }

    public void insertVersion(UUID tenant, EncounterVersion version) {
        jdbc.sql(
                        """
                        INSERT INTO clinical.encounter_versions (encounter_id, version, tenant_id, content, amended_by,
                            amended_at, reason)
                        VALUES (:encounter, :version, :tenant, CAST(:content AS jsonb), :by, :at, :reason)""")
                .param("encounter", version.encounterId())
                .param("version", version.version())
                .param("tenant", tenant)
                .param("content", json.writeValueAsString(version.notes().byName()))
                .param("by", version.amendedBy())
                .param("at", Timestamp.from(version.amendedAt()))
                .param("reason", version.reason())
                .update();
    }

    public List<EncounterVersion> versions(UUID tenant, UUID encounter) {
        return jdbc.sql(
                        """
                        SELECT encounter_id, version, content, amended_by, amended_at, reason
                        FROM clinical.encounter_versions
                        WHERE tenant_id = :tenant AND encounter_id = :encounter
                        ORDER BY version DESC""")
                .param("tenant", tenant)
                .param("encounter", encounter)
                .query((rs, row) -> new EncounterVersion(
                        rs.getObject("encounter_id", UUID.class),
                        rs.getInt("version"),
                        NoteSections.of(json.readValue(rs.getString("content"), SECTIONS)),
                        rs.getObject("amended_by", UUID.class),
                        rs.getTimestamp("amended_at").toInstant(),
                        rs.getString("reason")))
                .list();
    }

    public void insertVitals(UUID tenant, Vitals vitals) {
        jdbc.sql(
                        "INSERT INTO clinical.vitals (tenant_id, " + VITALS_COLUMNS
                                + """
                        ) VALUES (:tenant, :id, :encounter, :patient, :measuredAt, :systolic, :diastolic, :pulse,
                            :respiratoryRate, :temperature, :spo2, :weight, :height, :bmi, :pain,
                            CAST(:flags AS jsonb), :recordedBy, :recordedAt)""")
                .param("tenant", tenant)
                .param("id", vitals.id())
                .param("encounter", vitals.encounterId())
                .param("patient", vitals.patientId())
                .param("measuredAt", Timestamp.from(vitals.measuredAt()))
                .param("systolic", vitals.systolic())
                .param("diastolic", vitals.diastolic())
                .param("pulse", vitals.pulse())
                .param("respiratoryRate", vitals.respiratoryRate())
                .param("temperature", vitals.temperatureC())
                .param("spo2", vitals.spo2())
                .param("weight", vitals.weightKg())
                .param("height", vitals.heightCm())
                .param("bmi", vitals.bmi())
                .param("pain", vitals.painScore())
                .param("flags", json.writeValueAsString(vitals.flags()))
                .param("recordedBy", vitals.recordedBy())
                .param("recordedAt", Timestamp.from(vitals.recordedAt()))
                .update();
    }

    /** The vitals of these encounters, oldest first. */
    public List<Vitals> vitalsOf(UUID tenant, Collection<UUID> encounters) {
        if (encounters.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(
                        "SELECT " + VITALS_COLUMNS
                                + """
                         FROM clinical.vitals WHERE tenant_id = :tenant AND encounter_id IN (:encounters)
                        ORDER BY measured_at, id""")
                .param("tenant", tenant)
                .param("encounters", encounters)
                .query(this::vitals)
                .list();
    }

    /** A patient's vitals measured since {@code since}, oldest first (for the trend charts). */
    public List<Vitals> vitalsSince(UUID tenant, UUID patient, Instant since, int limit) {
        return jdbc.sql(
                        "SELECT " + VITALS_COLUMNS
                                + """
                         FROM (SELECT * FROM clinical.vitals
                               WHERE tenant_id = :tenant AND patient_id = :patient AND measured_at >= :since
                               ORDER BY measured_at DESC LIMIT :limit) newest
                        ORDER BY measured_at, id""")
                .param("tenant", tenant)
                .param("patient", patient)
                .param("since", Timestamp.from(since))
                .param("limit", limit)
                .query(this::vitals)
                .list();
    }

    public void insertDiagnosis(UUID tenant, Diagnosis diagnosis) {
        jdbc.sql(
                        "INSERT INTO clinical.diagnoses (tenant_id, " + DIAGNOSIS_COLUMNS
                                + """
                        ) VALUES (:tenant, :id, :encounter, :patient, :system, :code, :display, :verified, :kind,
                            :status, :onset, :recordedBy, :recordedAt)""")
                .param("tenant", tenant)
                .param("id", diagnosis.id())
                .param("encounter", diagnosis.encounterId())
                .param("patient", diagnosis.patientId())
                .param("system", diagnosis.system())
                .param("code", diagnosis.code())
                .param("display", diagnosis.display())
                .param("verified", diagnosis.verified())
                .param("kind", diagnosis.kind().name())
                .param("status", diagnosis.status().name())
                .param("onset", diagnosis.onsetDate())
                .param("recordedBy", diagnosis.recordedBy())
                .param("recordedAt", Timestamp.from(diagnosis.recordedAt()))
                .update();
    }

    /** The current (not removed) diagnoses of these encounters, primary first, then in the order entered. */
    public List<Diagnosis> diagnosesOf(UUID tenant, Collection<UUID> encounters) {
        if (encounters.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(
                        "SELECT " + DIAGNOSIS_COLUMNS
                                + """
                         FROM clinical.diagnoses
                        WHERE tenant_id = :tenant AND encounter_id IN (:encounters) AND removed_at IS NULL
                        ORDER BY kind = 'PRIMARY' DESC, recorded_at, id""")
                .param("tenant", tenant)
                .param("encounters", encounters)
                .query(EncounterStore::diagnosis)
                .list();
    }

    /** Marks a diagnosis removed (kept for the record); false when there was no such current diagnosis. */
    public boolean removeDiagnosis(UUID tenant, UUID encounter, UUID diagnosis, UUID by, Instant at) {
        return jdbc.sql(
                                """
                        UPDATE clinical.diagnoses SET removed_at = :at, removed_by = :by
                        WHERE tenant_id = :tenant AND encounter_id = :encounter AND id = :id AND removed_at IS NULL""")
                        .param("tenant", tenant)
                        .param("encounter", encounter)
                        .param("id", diagnosis)
                        .param("by", by)
                        .param("at", Timestamp.from(at))
                        .update()
                == 1;
    }

    private static Encounter encounter(ResultSet rs, int row) throws SQLException {
        return new Encounter(
                rs.getObject("id", UUID.class),
                rs.getObject("patient_id", UUID.class),
                rs.getObject("practitioner_id", UUID.class),
                rs.getObject("branch_id", UUID.class),
                rs.getObject("appointment_id", UUID.class),
                rs.getObject("ticket_id", UUID.class),
                EncounterStatus.valueOf(rs.getString("status")),
                rs.getString("template"),
                new NoteSections(
                        rs.getString("complaints"),
                        rs.getString("anamnesis"),
                        rs.getString("examination"),
                        rs.getString("dermatological_status"),
                        rs.getString("plan"),
                        rs.getString("recommendations")),
                rs.getInt("version"),
                rs.getTimestamp("started_at").toInstant(),
                instant(rs.getTimestamp("closed_at")),
                rs.getObject("closed_by", UUID.class),
                rs.getObject("created_by", UUID.class),
                rs.getTimestamp("updated_at").toInstant());
    }

    private Vitals vitals(ResultSet rs, int row) throws SQLException {
        return new Vitals(
                rs.getObject("id", UUID.class),
                rs.getObject("encounter_id", UUID.class),
                rs.getObject("patient_id", UUID.class),
                rs.getTimestamp("measured_at").toInstant(),
                integer(rs, "systolic"),
                integer(rs, "diastolic"),
                integer(rs, "pulse"),
                integer(rs, "respiratory_rate"),
                rs.getBigDecimal("temperature_c"),
                integer(rs, "spo2"),
                rs.getBigDecimal("weight_kg"),
                rs.getBigDecimal("height_cm"),
                rs.getBigDecimal("bmi"),
                integer(rs, "pain_score"),
                json.readValue(rs.getString("flags"), FLAGS),
                rs.getObject("recorded_by", UUID.class),
                rs.getTimestamp("recorded_at").toInstant());
    }

    private static Diagnosis diagnosis(ResultSet rs, int row) throws SQLException {
        java.sql.Date onset = rs.getDate("onset_date");
        return new Diagnosis(
                rs.getObject("id", UUID.class),
                rs.getObject("encounter_id", UUID.class),
                rs.getObject("patient_id", UUID.class),
                rs.getString("system"),
                rs.getString("code"),
                rs.getString("display"),
                rs.getBoolean("verified"),
                DiagnosisKind.valueOf(rs.getString("kind")),
                DiagnosisStatus.valueOf(rs.getString("status")),
                onset == null ? null : onset.toLocalDate(),
                rs.getObject("recorded_by", UUID.class),
                rs.getTimestamp("recorded_at").toInstant());
    }

    private static @Nullable Integer integer(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
