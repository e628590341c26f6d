CREATE SCHEMA IF NOT EXISTS terminology;

-- A code system a clinic has imported a set of (WHO ICD-10, ICD-10-CM, a local list), per clinic: each clinic
-- imports the files it is licensed to use.
CREATE TABLE terminology.code_systems
(
    tenant_id          UUID        NOT NULL,
    system             TEXT        NOT NULL,
    name               TEXT        NOT NULL,
    first_imported_at  TIMESTAMPTZ NOT NULL,
    last_imported_at   TIMESTAMPTZ NOT NULL,
    last_job_id        UUID        NOT NULL,
    CONSTRAINT code_systems_pkey PRIMARY KEY (tenant_id, system),
    CONSTRAINT code_systems_organization_fkey FOREIGN KEY (tenant_id)
        REFERENCES identity.organizations (id) ON DELETE CASCADE,
    CONSTRAINT code_systems_system_length CHECK (char_length(system) BETWEEN 1 AND 200),
    CONSTRAINT code_systems_name_format CHECK (name ~ '^[A-Za-z][A-Za-z0-9_-]{0,39}$')
);

-- The codes of a system: stored upper case and dotted (A00.0), with the parent in the hierarchy, the kind, and
-- whether a diagnosis may use it (a leaf). Never deleted: a later import that no longer lists a code retires it
-- (retired_at), so diagnoses recorded with it keep their meaning. source is the import format that last listed it:
-- only a later full file of the same format retires it.
CREATE TABLE terminology.concepts
(
    tenant_id   UUID        NOT NULL,
    system      TEXT        NOT NULL,
    code        TEXT        NOT NULL,
    parent_code TEXT,
    kind        TEXT        NOT NULL,
    leaf        BOOLEAN     NOT NULL,
    retired_at  TIMESTAMPTZ,
    source      TEXT        NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    CONSTRAINT concepts_pkey PRIMARY KEY (tenant_id, system, code),
    CONSTRAINT concepts_system_fkey FOREIGN KEY (tenant_id, system)
        REFERENCES terminology.code_systems (tenant_id, system) ON DELETE CASCADE,
    CONSTRAINT concepts_code_format CHECK (code ~ '^[A-Z0-9][A-Z0-9.\-]{0,19}$'),
    CONSTRAINT concepts_parent_format CHECK (parent_code IS NULL OR parent_code ~ '^[A-Z0-9][A-Z0-9.\-]{0,19}$'),
    CONSTRAINT concepts_kind_known CHECK (kind IN ('CHAPTER', 'BLOCK', 'CATEGORY')),
    CONSTRAINT concepts_source_known CHECK (source IN ('ICD10_CLAML', 'MKB10_NSI_CSV', 'ICD10CM_ORDER', 'CSV'))
);
-- code prefix search (A00, a00.1) and a category's subdivisions: in byte order, so LIKE 'A00%' and ORDER BY use the index
-- whatever the database's locale
CREATE INDEX concepts_code_prefix ON terminology.concepts (tenant_id, system, (code COLLATE "C"));
CREATE INDEX concepts_parent ON terminology.concepts (tenant_id, system, parent_code);

-- Titles of a code per language (uz, ru, en, and whatever ClaML carries). words holds the title lower-cased by the
-- application (not by lower(), which depends on the database's locale) as a 'simple' text search vector, so words
-- in any language are found by prefix (холер → холера).
CREATE TABLE terminology.titles
(
    tenant_id UUID     NOT NULL,
    system    TEXT     NOT NULL,
    code      TEXT     NOT NULL,
    language  TEXT     NOT NULL,
    title     TEXT     NOT NULL,
    words     TSVECTOR NOT NULL,
    CONSTRAINT titles_pkey PRIMARY KEY (tenant_id, system, code, language),
    CONSTRAINT titles_concept_fkey FOREIGN KEY (tenant_id, system, code)
        REFERENCES terminology.concepts (tenant_id, system, code) ON DELETE CASCADE,
    CONSTRAINT titles_language_format CHECK (language ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$'),
    CONSTRAINT titles_title_length CHECK (char_length(title) BETWEEN 1 AND 1000)
);
CREATE INDEX titles_words ON terminology.titles USING gin (words);

-- Imports of code set files: queued on upload, run in the background, progress saved every few thousand rows.
CREATE TABLE terminology.import_jobs
(
    id              UUID        NOT NULL,
    tenant_id       UUID        NOT NULL,
    format          TEXT        NOT NULL,
    system          TEXT        NOT NULL,
    file_name       TEXT        NOT NULL,
    file_size       BIGINT      NOT NULL,
    file_sha256     TEXT        NOT NULL,
    status          TEXT        NOT NULL,
    processed       INT         NOT NULL DEFAULT 0,
    total           INT,
    added           INT         NOT NULL DEFAULT 0,
    updated         INT         NOT NULL DEFAULT 0,
    retired         INT         NOT NULL DEFAULT 0,
    error_message   TEXT,
    created_by      UUID,
    created_by_name TEXT        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    started_at      TIMESTAMPTZ,
    finished_at     TIMESTAMPTZ,
    heartbeat_at    TIMESTAMPTZ,
    CONSTRAINT import_jobs_pkey PRIMARY KEY (id),
    CONSTRAINT import_jobs_organization_fkey FOREIGN KEY (tenant_id)
        REFERENCES identity.organizations (id) ON DELETE CASCADE,
    CONSTRAINT import_jobs_format_known CHECK (format IN ('ICD10_CLAML', 'MKB10_NSI_CSV', 'ICD10CM_ORDER', 'CSV')),
    CONSTRAINT import_jobs_status_known CHECK (status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    CONSTRAINT import_jobs_file_name_length CHECK (char_length(file_name) BETWEEN 1 AND 255),
    CONSTRAINT import_jobs_counts CHECK (processed >= 0 AND (total IS NULL OR total >= 0) AND added >= 0
        AND updated >= 0 AND retired >= 0),
    CONSTRAINT import_jobs_finished CHECK ((status IN ('SUCCEEDED', 'FAILED')) = (finished_at IS NOT NULL)),
    CONSTRAINT import_jobs_error CHECK ((status = 'FAILED') = (error_message IS NOT NULL)),
    CONSTRAINT import_jobs_error_length CHECK (error_message IS NULL OR char_length(error_message) <= 2000)
);
CREATE INDEX import_jobs_recent ON terminology.import_jobs (tenant_id, created_at DESC);
CREATE INDEX import_jobs_unfinished ON terminology.import_jobs (status) WHERE status IN ('QUEUED', 'RUNNING');

ALTER TABLE terminology.code_systems ENABLE ROW LEVEL SECURITY;
ALTER TABLE terminology.code_systems FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON terminology.code_systems
    USING (tenant_id = shifo_current_tenant() OR shifo_is_system())
    WITH CHECK (tenant_id = shifo_current_tenant() OR shifo_is_system());

ALTER TABLE terminology.concepts ENABLE ROW LEVEL SECURITY;
ALTER TABLE terminology.concepts FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON terminology.concepts
    USING (tenant_id = shifo_current_tenant() OR shifo_is_system())
    WITH CHECK (tenant_id = shifo_current_tenant() OR shifo_is_system());

ALTER TABLE terminology.titles ENABLE ROW LEVEL SECURITY;
ALTER TABLE terminology.titles FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON terminology.titles
    USING (tenant_id = shifo_current_tenant() OR shifo_is_system())
    WITH CHECK (tenant_id = shifo_current_tenant() OR shifo_is_system());

ALTER TABLE terminology.import_jobs ENABLE ROW LEVEL SECURITY;
ALTER TABLE terminology.import_jobs FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON terminology.import_jobs
    USING (tenant_id = shifo_current_tenant() OR shifo_is_system())
    WITH CHECK (tenant_id = shifo_current_tenant() OR shifo_is_system());
