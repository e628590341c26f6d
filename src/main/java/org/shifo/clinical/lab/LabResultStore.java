package org.shifo.clinical.lab;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.clinical.LabFlag;
import org.shifo.terminology.LabTest;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** clinical.lab_results, always filtered by the clinic. */
@Repository
class LabResultStore {

    private final JdbcClient jdbc;

    LabResultStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID tenant, LabResult r) {
        LabResult.Range range = r.range();
        LabFlag flag = r.flag();
        jdbc.sql(
                        """
                        INSERT INTO clinical.lab_results (id, tenant_id, patient_id, encounter_id, test_code,
                            test_system, value_type, value_text, value_entered, unit_entered, value_converted,
                            catalogue_unit, flag, critical, range_sex, range_age_from, range_age_to, range_low,
                            range_high, range_source, range_default, critical_low, critical_high, collected_at,
                            recorded_by, recorded_at, source, note)
                        VALUES (:id, :tenant, :patient, :encounter, :code, :system, :valueType, :valueText,
                            :valueEntered, :unitEntered, :valueConverted, :catalogueUnit, :flag, :critical,
                            :rangeSex, :rangeAgeFrom, :rangeAgeTo, :rangeLow, :rangeHigh, :rangeSource,
                            :rangeDefault, :criticalLow, :criticalHigh, :collectedAt, :recordedBy, :recordedAt,
                            :source, :note)
                        """)
                .paramSource(new MapSqlParameterSource()
                        .addValue("id", r.id())
                        .addValue("tenant", tenant)
                        .addValue("patient", r.patientId())
                        .addValue("encounter", r.encounterId())
                        .addValue("code", r.testCode())
                        .addValue("system", r.testSystem())
                        .addValue("valueType", r.valueType())
                        .addValue("valueText", r.valueText())
                        .addValue("valueEntered", r.valueEntered())
                        .addValue("unitEntered", r.unitEntered())
                        .addValue("valueConverted", r.valueConverted())
                        .addValue("catalogueUnit", r.catalogueUnit())
                        .addValue("flag", flag == null ? null : flag.name())
                        .addValue("critical", r.critical())
                        .addValue("rangeSex", range == null ? null : range.sex())
                        .addValue("rangeAgeFrom", range == null ? null : range.ageFrom())
                        .addValue("rangeAgeTo", range == null ? null : range.ageTo())
                        .addValue("rangeLow", range == null ? null : range.low())
                        .addValue("rangeHigh", range == null ? null : range.high())
                        .addValue("rangeSource", range == null ? null : range.source())
                        .addValue("rangeDefault", range != null && range.isDefault())
                        .addValue("criticalLow", r.criticalLow())
                        .addValue("criticalHigh", r.criticalHigh())
                        .addValue("collectedAt", Timestamp.from(r.collectedAt()))
                        .addValue("recordedBy", r.recordedBy())
                        .addValue("recordedAt", Timestamp.from(r.recordedAt()))
                        .addValue("source", r.source().name())
                        .addValue("note", r.note()))
                .update();
    }

    /** A patient's results newest first (by collection), of one test when {@code testCode} is given. */
    List<LabResult> list(UUID tenant, UUID patient, @Nullable String testCode, int limit) {
        return jdbc.sql(
                        """
                        SELECT * FROM clinical.lab_results
                        WHERE tenant_id = :tenant AND patient_id = :patient
                          AND (CAST(:code AS TEXT) IS NULL OR test_code = :code)
                        ORDER BY collected_at DESC, id DESC
                        LIMIT :limit
                        """)
                .param("tenant", tenant)
                .param("patient", patient)
                .param("code", testCode)
                .param("limit", limit)
                .query((rs, n) -> result(rs))
                .list();
    }

    /** The results recorded with these encounters, in collection order. */
    List<LabResult> ofEncounters(UUID tenant, List<UUID> encounters) {
        return jdbc.sql(
                        """
                        SELECT * FROM clinical.lab_results
                        WHERE tenant_id = :tenant AND encounter_id = ANY(:encounters)
                        ORDER BY collected_at, id
                        """)
                .param("tenant", tenant)
                .param("encounters", encounters.toArray(UUID[]::new))
                .query((rs, n) -> result(rs))
                .list();
    }

    /**
     * Releases the patient's unreleased results (those of {@code ids}, or all when null); the ids released. A
     * result already released is left as it was.
     */
    List<UUID> release(UUID tenant, UUID patient, @Nullable List<UUID> ids, UUID by, java.time.Instant at) {
        return jdbc.sql(
                        """
                        UPDATE clinical.lab_results SET released_at = :at, released_by = :by
                        WHERE tenant_id = :tenant AND patient_id = :patient AND released_at IS NULL
                          AND (CAST(:ids AS UUID[]) IS NULL OR id = ANY(CAST(:ids AS UUID[])))
                        RETURNING id
                        """)
                .param("tenant", tenant)
                .param("patient", patient)
                .param("ids", ids == null ? null : ids.toArray(UUID[]::new))
                .param("by", by)
                .param("at", Timestamp.from(at))
                .query(UUID.class)
                .list();
    }

    /** Which of these ids are results of the patient. */
    List<UUID> ofPatient(UUID tenant, UUID patient, List<UUID> ids) {
        return jdbc.sql(
                        """
                        SELECT id FROM clinical.lab_results
                        WHERE tenant_id = :tenant AND patient_id = :patient AND id = ANY(:ids)
                        """)
                .param("tenant", tenant)
                .param("patient", patient)
                .param("ids", ids.toArray(UUID[]::new))
                .query(UUID.class)
                .list();
    }

    /**
     * The practitioner answerable for a result: its encounter's, else the one of the patient's latest encounter
     * started within {@code withinDays} before the result was recorded.
     */
    Optional<UUID> responsiblePractitioner(UUID tenant, UUID result, int withinDays) {
        return jdbc.sql(
                        """
                        SELECT coalesce(e.practitioner_id, (
                                   SELECT l.practitioner_id FROM clinical.encounters l
                                   WHERE l.tenant_id = r.tenant_id AND l.patient_id = r.patient_id
                                     AND l.deleted_at IS NULL
                                     AND l.started_at <= r.recorded_at
                                     AND l.started_at > r.recorded_at - make_interval(days => :days)
                                   ORDER BY l.started_at DESC LIMIT 1)) AS practitioner
                        FROM clinical.lab_results r
                        LEFT JOIN clinical.encounters e
                               ON e.tenant_id = r.tenant_id AND e.id = r.encounter_id AND e.deleted_at IS NULL
                        WHERE r.tenant_id = :tenant AND r.id = :id
                        """)
                .param("tenant", tenant)
                .param("id", result)
                .param("days", withinDays)
                .query((rs, n) -> Optional.ofNullable(rs.getObject("practitioner", UUID.class)))
                .optional()
                .flatMap(p -> p);
    }

    boolean encounterOf(UUID tenant, UUID encounter, UUID patient) {
        return jdbc.sql(
                                """
                                SELECT count(*) FROM clinical.encounters
                                WHERE tenant_id = :tenant AND id = :encounter AND patient_id = :patient
                                  AND deleted_at IS NULL
                                """)
                        .param("tenant", tenant)
                        .param("encounter", encounter)
                        .param("patient", patient)
                        .query(Long.class)
                        .single()
                > 0;
    }

    private static LabResult result(ResultSet rs) throws SQLException {
        String flag = rs.getString("flag");
        String rangeSex = rs.getString("range_sex");
        return new LabResult(
                rs.getObject("id", UUID.class),
                rs.getObject("patient_id", UUID.class),
                rs.getObject("encounter_id", UUID.class),
                rs.getString("test_code"),
                rs.getString("test_system"),
                rs.getString("value_type"),
                rs.getString("value_text"),
                strip(rs.getBigDecimal("value_entered")),
                rs.getString("unit_entered"),
                strip(rs.getBigDecimal("value_converted")),
                rs.getString("catalogue_unit"),
                flag == null ? null : LabFlag.valueOf(flag),
                rs.getBoolean("critical"),
                rangeSex == null
                        ? null
                        : new LabResult.Range(
                                rangeSex,
                                rs.getString("range_age_from"),
                                rs.getString("range_age_to"),
                                strip(rs.getBigDecimal("range_low")),
                                strip(rs.getBigDecimal("range_high")),
                                rs.getString("range_source"),
                                rs.getBoolean("range_default")),
                strip(rs.getBigDecimal("critical_low")),
                strip(rs.getBigDecimal("critical_high")),
                rs.getTimestamp("collected_at").toInstant(),
                rs.getObject("recorded_by", UUID.class),
                rs.getTimestamp("recorded_at").toInstant(),
                LabResult.Source.valueOf(rs.getString("source")),
                rs.getString("note"),
                rs.getTimestamp("released_at") == null
                        ? null
                        : rs.getTimestamp("released_at").toInstant(),
                rs.getObject("released_by", UUID.class));
    }

    private static @Nullable BigDecimal strip(@Nullable BigDecimal value) {
        return value == null ? null : LabTest.plain(value);
    }
}
