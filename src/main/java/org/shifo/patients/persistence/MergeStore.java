package org.shifo.patients.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.patients.PatientId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Merges and their snapshots. A snapshot is both records' rows (patient, phones, identifiers) as PostgreSQL
 * JSON ({@code to_jsonb}), taken before the merge changed anything; an undo writes them back with {@code
 * jsonb_populate_record}, so every column comes back exactly, including ones added by later migrations.
 */
@Repository
public class MergeStore {

    private static final String PATIENT_COLUMNS =
            """
            family_name, given_name, patronymic, sex, birth_date, email, address_country, address_region,
            address_district, address_street, language, emergency_contact_name, emergency_contact_phone,
            emergency_contact_relation, notes, consent_sms, consent_telegram, consent_data_processing,
            consent_data_processing_on, name_key, status, merged_into, registered_anyway
            """;

    private final JdbcClient jdbc;
    private final JsonMapper json;

    MergeStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Both records as they are now, as one JSON document. */
    public String snapshot(UUID tenant, PatientId survivor, PatientId merged) {
        return jdbc.sql(
                        """
                        SELECT jsonb_build_object(
                            'survivor', (SELECT to_jsonb(p) FROM patients.patients p
                                         WHERE p.tenant_id = :tenant AND p.id = :survivor),
                            'merged', (SELECT to_jsonb(p) FROM patients.patients p
                                       WHERE p.tenant_id = :tenant AND p.id = :merged),
                            'phones', coalesce((SELECT jsonb_agg(to_jsonb(ph) - 'digits_reversed') FROM patients.phones ph
                                                WHERE ph.tenant_id = :tenant
                                                  AND ph.patient_id IN (:survivor, :merged)), '[]'),
                            'identifiers', coalesce((SELECT jsonb_agg(to_jsonb(i)) FROM patients.identifiers i
                                                     WHERE i.tenant_id = :tenant
                                                       AND i.patient_id IN (:survivor, :merged)), '[]'))::text
                        WHERE EXISTS (SELECT 1 FROM patients.patients WHERE tenant_id = :tenant AND id = :survivor)
                        """)
                .param("tenant", tenant)
                .param("survivor", survivor.value())
                .param("merged", merged.value())
                .query(String.class)
                .single();
    }

    public void insert(
            UUID id,
            UUID tenant,
            PatientId survivor,
            PatientId merged,
            Map<String, String> fieldChoices,
            String snapshot,
            Map<String, List<String>> moved,
            int survivorVersion,
            Instant now,
            @Nullable UUID by) {
        jdbc.sql(
                        """
                        INSERT INTO patients.merges (id, tenant_id, survivor_id, merged_id, field_choices, snapshot,
                            moved_references, survivor_version, merged_at, merged_by)
                        VALUES (:id, :tenant, :survivor, :merged, :choices::jsonb, :snapshot::jsonb, :moved::jsonb,
                            :survivorVersion, :now, :by)
                        """)
                .param("id", id)
                .param("tenant", tenant)
                .param("survivor", survivor.value())
                .param("merged", merged.value())
                .param("choices", json.writeValueAsString(fieldChoices))
                .param("snapshot", snapshot)
                .param("moved", json.writeValueAsString(moved))
                .param("survivorVersion", survivorVersion)
                .param("now", Timestamp.from(now))
                .param("by", by)
                .update();
    }

    /** A merge as stored. */
    public record Merge(
            UUID id,
            PatientId survivor,
            PatientId merged,
            Map<String, List<String>> movedReferences,
            int survivorVersion,
            Instant mergedAt,
            @Nullable Instant undoneAt) {}

    public Optional<Merge> findForUpdate(UUID tenant, UUID id) {
        return jdbc.sql(
                        """
                        SELECT id, survivor_id, merged_id, moved_references::text AS moved, survivor_version, merged_at,
                            undone_at
                        FROM patients.merges WHERE tenant_id = :tenant AND id = :id FOR UPDATE
                        """)
                .param("tenant", tenant)
                .param("id", id)
                .query((rs, n) -> {
                    Timestamp undone = rs.getTimestamp("undone_at");
                    return new Merge(
                            rs.getObject("id", UUID.class),
                            new PatientId(rs.getObject("survivor_id", UUID.class)),
                            new PatientId(rs.getObject("merged_id", UUID.class)),
                            json.readValue(rs.getString("moved"), new TypeReference<Map<String, List<String>>>() {}),
                            rs.getInt("survivor_version"),
                            rs.getTimestamp("merged_at").toInstant(),
                            undone == null ? null : undone.toInstant());
                })
                .optional();
    }

    /** Whether a later merge that is still in force involves this record (it must be undone first). */
    public boolean laterOpenMergeInvolves(UUID tenant, PatientId patient, Instant after, UUID except) {
        return jdbc.sql(
                                """
                        SELECT count(*) FROM patients.merges
                        WHERE tenant_id = :tenant AND undone_at IS NULL AND id <> :except AND merged_at >= :after
                          AND (survivor_id = :patient OR merged_id = :patient)
                        """)
                        .param("tenant", tenant)
                        .param("except", except)
                        .param("after", Timestamp.from(after))
                        .param("patient", patient.value())
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Writes both records, their phones and identifiers back as the merge's snapshot has them. */
    public void restore(UUID tenant, UUID mergeId, Instant now) {
        for (String side : List.of("survivor", "merged")) {
            jdbc.sql("UPDATE patients.patients p SET (" + PATIENT_COLUMNS + ") = (SELECT " + PATIENT_COLUMNS
                            + " FROM jsonb_populate_record(NULL::patients.patients, m.snapshot -> '" + side + "')),"
                            + " updated_at = :now, version = p.version + 1"
                            + " FROM patients.merges m WHERE m.tenant_id = :tenant AND m.id = :merge"
                            + " AND p.id = (m.snapshot -> '" + side + "' ->> 'id')::uuid AND p.tenant_id = :tenant")
                    .param("now", Timestamp.from(now))
                    .param("tenant", tenant)
                    .param("merge", mergeId)
                    .update();
        }
        for (String table : List.of("patients.phones", "patients.identifiers")) {
            jdbc.sql("DELETE FROM " + table + " t USING patients.merges m"
                            + " WHERE m.tenant_id = :tenant AND m.id = :merge AND t.tenant_id = :tenant"
                            + " AND t.patient_id IN (m.survivor_id, m.merged_id)")
                    .param("tenant", tenant)
                    .param("merge", mergeId)
                    .update();
        }
        jdbc.sql(
                        """
                        INSERT INTO patients.phones (tenant_id, patient_id, position, e164, is_primary)
                        SELECT s.tenant_id, s.patient_id, s.position, s.e164, s.is_primary
                        FROM patients.merges m,
                             jsonb_populate_recordset(NULL::patients.phones, m.snapshot -> 'phones') s
                        WHERE m.tenant_id = :tenant AND m.id = :merge
                        """)
                .param("tenant", tenant)
                .param("merge", mergeId)
                .update();
        jdbc.sql(
                        """
                        INSERT INTO patients.identifiers (tenant_id, patient_id, type, country, value, active)
                        SELECT s.tenant_id, s.patient_id, s.type, s.country, s.value, s.active
                        FROM patients.merges m,
                             jsonb_populate_recordset(NULL::patients.identifiers, m.snapshot -> 'identifiers') s
                        WHERE m.tenant_id = :tenant AND m.id = :merge
                        """)
                .param("tenant", tenant)
                .param("merge", mergeId)
                .update();
    }

    public void markUndone(UUID tenant, UUID mergeId, Instant now, @Nullable UUID by) {
        jdbc.sql("UPDATE patients.merges SET undone_at = :now, undone_by = :by WHERE tenant_id = :tenant AND id = :id")
                .param("now", Timestamp.from(now))
                .param("by", by)
                .param("tenant", tenant)
                .param("id", mergeId)
                .update();
    }

    /**
     * The latest merge into this survivor that is still in force, if no later merge involves the survivor (the
     * one a patient page may offer to undo).
     */
    public Optional<UUID> latestOpenMergeInto(UUID tenant, PatientId survivor) {
        return jdbc.sql(
                        """
                        SELECT m.id FROM patients.merges m
                        WHERE m.tenant_id = :tenant AND m.survivor_id = :survivor AND m.undone_at IS NULL
                          AND NOT EXISTS (
                            SELECT 1 FROM patients.merges later
                            WHERE later.tenant_id = m.tenant_id AND later.undone_at IS NULL AND later.id <> m.id
                              AND later.merged_at >= m.merged_at
                              AND (later.survivor_id = :survivor OR later.merged_id = :survivor))
                        ORDER BY m.merged_at DESC LIMIT 1
                        """)
                .param("tenant", tenant)
                .param("survivor", survivor.value())
                .query(UUID.class)
                .optional();
    }
}
