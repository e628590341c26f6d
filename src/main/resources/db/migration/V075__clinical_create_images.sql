-- Photos and dermatoscopy images of an encounter. The bytes live in the file store (platform FileStore) under
-- random keys; this row is the only way to them. content_type, size_bytes, width, height and sha256 describe the
-- stored file, which is the re-encoded image without its EXIF/GPS metadata, never the upload as sent.
-- body_site is a code of the body-map vocabulary (clinical.images.BodySite); lesion_label names a lesion so
-- that its images compare across visits (matched without regard to case).
CREATE TABLE clinical.images
(
    id             UUID        NOT NULL,
    tenant_id      UUID        NOT NULL,
    encounter_id   UUID        NOT NULL,
    patient_id     UUID        NOT NULL,
    body_site      TEXT        NOT NULL,
    lesion_label   TEXT        NOT NULL,
    notes          TEXT        NOT NULL DEFAULT '',
    kind           TEXT        NOT NULL,
    content_type   TEXT        NOT NULL,
    size_bytes     BIGINT      NOT NULL,
    width          INT         NOT NULL,
    height         INT         NOT NULL,
    file_key       TEXT        NOT NULL,
    thumbnail_key  TEXT        NOT NULL,
    sha256         TEXT        NOT NULL,
    uploaded_by    UUID        NOT NULL,
    uploaded_at    TIMESTAMPTZ NOT NULL,
    deleted_at     TIMESTAMPTZ,
    CONSTRAINT images_pkey PRIMARY KEY (id),
    CONSTRAINT images_encounter_fkey FOREIGN KEY (encounter_id, tenant_id)
        REFERENCES clinical.encounters (id, tenant_id) ON DELETE RESTRICT,
    CONSTRAINT images_patient_fkey FOREIGN KEY (patient_id, tenant_id)
        REFERENCES patients.patients (id, tenant_id) ON DELETE RESTRICT,
    CONSTRAINT images_uploaded_by_fkey FOREIGN KEY (uploaded_by, tenant_id)
        REFERENCES identity.users (id, tenant_id) ON DELETE RESTRICT,
    CONSTRAINT images_body_site_format CHECK (body_site ~ '^[a-z][a-z0-9-]{1,39}$'),
    CONSTRAINT images_lesion_label_length CHECK (char_length(lesion_label) BETWEEN 1 AND 100
        AND lesion_label = btrim(lesion_label)),
    CONSTRAINT images_notes_length CHECK (char_length(notes) <= 2000),
    CONSTRAINT images_kind_known CHECK (kind IN ('PHOTO', 'DERMATOSCOPY')),
    CONSTRAINT images_content_type_known CHECK (content_type IN ('image/jpeg', 'image/png')),
    CONSTRAINT images_size_positive CHECK (size_bytes > 0),
    CONSTRAINT images_dimensions_positive CHECK (width > 0 AND height > 0),
    CONSTRAINT images_file_key_unique UNIQUE (file_key),
    CONSTRAINT images_thumbnail_key_unique UNIQUE (thumbnail_key),
    CONSTRAINT images_sha256_format CHECK (sha256 ~ '^[0-9a-f]{64}$')
);
CREATE INDEX images_encounter ON clinical.images (tenant_id, encounter_id, uploaded_at)
    WHERE deleted_at IS NULL;
-- comparison across visits: a patient's images of one lesion, oldest first
CREATE INDEX images_patient_lesion ON clinical.images (tenant_id, patient_id, lower(lesion_label), uploaded_at)
    WHERE deleted_at IS NULL;

ALTER TABLE clinical.images ENABLE ROW LEVEL SECURITY;
ALTER TABLE clinical.images FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON clinical.images
    USING (tenant_id = shifo_current_tenant() OR shifo_is_system())
    WITH CHECK (tenant_id = shifo_current_tenant() OR shifo_is_system());
