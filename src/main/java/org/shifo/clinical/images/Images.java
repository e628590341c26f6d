package org.shifo.clinical.images;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Image rows, and the little of their encounter the uploads need; every query filters by tenant. */
@Repository
class Images {

    private static final String SELECT =
            """
            SELECT i.id, i.encounter_id, i.patient_id, i.body_site, i.lesion_label, i.notes, i.kind, i.content_type,
                   i.size_bytes, i.width, i.height, i.file_key, i.thumbnail_key, i.sha256, i.uploaded_by,
                   i.uploaded_at, e.started_at AS encounter_started_at
            FROM clinical.images i
            JOIN clinical.encounters e ON e.id = i.encounter_id AND e.tenant_id = i.tenant_id
            """;

    private final JdbcClient jdbc;

    Images(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The encounter an image is added to or listed for. */
    record Encounter(UUID id, UUID patientId, UUID branchId, String status, Instant startedAt) {

        boolean isOpen() {
            return status.equals("OPEN");
        }
    }

    Optional<Encounter> encounter(UUID tenant, UUID id, boolean lockForShare) {
        return jdbc.sql(
                        """
                        SELECT id, patient_id, branch_id, status, started_at FROM clinical.encounters
                        WHERE tenant_id = :tenant AND id = :id AND deleted_at IS NULL
                        """
                                + (lockForShare ? " FOR SHARE" : ""))
                .param("tenant", tenant)
                .param("id", id)
                .query((rs, n) -> new Encounter(
                        rs.getObject("id", UUID.class),
                        rs.getObject("patient_id", UUID.class),
                        rs.getObject("branch_id", UUID.class),
                        rs.getString("status"),
                        instant(rs, "started_at")))
                .optional();
    }

    void insert(UUID tenant, ImageRecord image) {
        jdbc.sql(
                        """
                        INSERT INTO clinical.images (id, tenant_id, encounter_id, patient_id, body_site, lesion_label,
                            notes, kind, content_type, size_bytes, width, height, file_key, thumbnail_key, sha256,
                            uploaded_by, uploaded_at)
                        VALUES (:id, :tenant, :encounter, :patient, :site, :lesion, :notes, :kind, :type, :size,
                            :width, :height, :file, :thumbnail, :sha256, :by, :at)
                        """)
                .param("id", image.id())
                .param("tenant", tenant)
                .param("encounter", image.encounterId())
                .param("patient", image.patientId())
                .param("site", image.bodySite().code())
                .param("lesion", image.lesionLabel())
                .param("notes", image.notes())
                .param("kind", image.kind().name())
                .param("type", image.contentType())
                .param("size", image.sizeBytes())
                .param("width", image.width())
                .param("height", image.height())
                .param("file", image.fileKey())
                .param("thumbnail", image.thumbnailKey())
                .param("sha256", image.sha256())
                .param("by", image.uploadedBy())
                .param("at", OffsetDateTime.ofInstant(image.uploadedAt(), java.time.ZoneOffset.UTC))
                .update();
    }

    Optional<ImageRecord> find(UUID tenant, UUID id) {
        return jdbc.sql(SELECT + " WHERE i.tenant_id = :tenant AND i.id = :id AND i.deleted_at IS NULL")
                .param("tenant", tenant)
                .param("id", id)
                .query(Images::map)
                .optional();
    }

    List<ImageRecord> ofEncounter(UUID tenant, UUID encounter) {
        return jdbc.sql(SELECT
                        + " WHERE i.tenant_id = :tenant AND i.encounter_id = :encounter AND i.deleted_at IS NULL"
                        + " ORDER BY i.uploaded_at, i.id")
                .param("tenant", tenant)
                .param("encounter", encounter)
                .query(Images::map)
                .list();
    }

    /** A patient's images, oldest visit first; of one lesion (any case) when {@code lesionLabel} is given. */
    List<ImageRecord> ofPatient(UUID tenant, UUID patient, @Nullable String lesionLabel) {
        return jdbc.sql(SELECT
                        + " WHERE i.tenant_id = :tenant AND i.patient_id = :patient AND i.deleted_at IS NULL"
                        + " AND e.deleted_at IS NULL"
                        + (lesionLabel == null ? "" : " AND lower(i.lesion_label) = lower(:lesion)")
                        + " ORDER BY e.started_at, i.uploaded_at, i.id LIMIT 500")
                .param("tenant", tenant)
                .param("patient", patient)
                .param("lesion", lesionLabel == null ? "" : lesionLabel)
                .query(Images::map)
                .list();
    }

    /** The patient's lesion labels (one spelling each, the most recent), with how many images each has. */
    List<LesionLabel> lesionLabels(UUID tenant, UUID patient) {
        return jdbc.sql(
                        """
                        SELECT (array_agg(i.lesion_label ORDER BY i.uploaded_at DESC))[1] AS label,
                               count(*) AS images, count(DISTINCT i.encounter_id) AS visits
                        FROM clinical.images i
                        JOIN clinical.encounters e ON e.id = i.encounter_id AND e.tenant_id = i.tenant_id
                        WHERE i.tenant_id = :tenant AND i.patient_id = :patient AND i.deleted_at IS NULL
                          AND e.deleted_at IS NULL
                        GROUP BY lower(i.lesion_label)
                        ORDER BY lower(i.lesion_label)
                        LIMIT 200
                        """)
                .param("tenant", tenant)
                .param("patient", patient)
                .query((rs, n) -> new LesionLabel(rs.getString("label"), rs.getInt("images"), rs.getInt("visits")))
                .list();
    }

    private static ImageRecord map(ResultSet rs, int row) throws SQLException {
        return new ImageRecord(
                rs.getObject("id", UUID.class),
                rs.getObject("encounter_id", UUID.class),
                rs.getObject("patient_id", UUID.class),
                BodySite.fromCode(rs.getString("body_site")).orElse(BodySite.OTHER),
                rs.getString("lesion_label"),
                rs.getString("notes"),
                ImageKind.valueOf(rs.getString("kind")),
                rs.getString("content_type"),
                rs.getLong("size_bytes"),
                rs.getInt("width"),
                rs.getInt("height"),
                rs.getString("file_key"),
                rs.getString("thumbnail_key"),
                rs.getString("sha256"),
                rs.getObject("uploaded_by", UUID.class),
                instant(rs, "uploaded_at"),
                instant(rs, "encounter_started_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value.toInstant();
    }
}
