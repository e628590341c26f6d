CREATE SCHEMA patients;

-- Medical record numbers are handed out per organization from this counter, inside the registering
-- transaction: a number belongs to a committed record or to nobody, and is never handed out twice.
CREATE TABLE patients.record_numbers
(
    tenant_id   UUID   NOT NULL,
    last_number BIGINT NOT NULL,
    CONSTRAINT record_numbers_pkey PRIMARY KEY (tenant_id),
    CONSTRAINT record_numbers_positive CHECK (last_number >= 0)
);

CREATE TABLE patients.patients
(
    id                        UUID        NOT NULL,
    tenant_id                 UUID        NOT NULL,
    record_number             BIGINT      NOT NULL,
    family_name               TEXT        NOT NULL,
    given_name                TEXT        NOT NULL,
    patronymic                TEXT,
    sex                       TEXT        NOT NULL,
    birth_date                DATE        NOT NULL,
    email                     TEXT,
    address_country           TEXT        NOT NULL DEFAULT 'UZ',
    address_region            TEXT,
    address_district          TEXT,
    address_street            TEXT,
    language                  TEXT        NOT NULL DEFAULT 'uz',
    emergency_contact_name    TEXT,
    emergency_contact_phone   TEXT,
    emergency_contact_relation TEXT,
    notes                     TEXT,
    consent_sms               BOOLEAN     NOT NULL DEFAULT FALSE,
    consent_telegram          BOOLEAN     NOT NULL DEFAULT FALSE,
    consent_data_processing   BOOLEAN     NOT NULL DEFAULT FALSE,
    consent_data_processing_on DATE,
    -- the three name parts folded to one Latin spelling (see patients.domain.NameKey), for search and matching
    name_key                  TEXT        NOT NULL,
    status                    TEXT        NOT NULL DEFAULT 'ACTIVE',
    merged_into               UUID,
    registered_anyway         BOOLEAN     NOT NULL DEFAULT FALSE,
    created_at                TIMESTAMPTZ NOT NULL,
    created_by                UUID,
    updated_at                TIMESTAMPTZ NOT NULL,
    deleted_at                TIMESTAMPTZ,
    deleted_by                UUID,
    version                   INT         NOT NULL DEFAULT 0,
    CONSTRAINT patients_pkey PRIMARY KEY (id),
    CONSTRAINT patients_id_tenant_unique UNIQUE (id, tenant_id),
    CONSTRAINT patients_record_number_unique UNIQUE (tenant_id, record_number),
    CONSTRAINT patients_merged_into_fkey FOREIGN KEY (merged_into, tenant_id)
        REFERENCES patients.patients (id, tenant_id) ON DELETE RESTRICT,
    CONSTRAINT patients_record_number_positive CHECK (record_number > 0),
    CONSTRAINT patients_family_name_length CHECK (char_length(family_name) BETWEEN 1 AND 100),
    CONSTRAINT patients_given_name_length CHECK (char_length(given_name) BETWEEN 1 AND 100),
    CONSTRAINT patients_patronymic_length CHECK (patronymic IS NULL OR char_length(patronymic) BETWEEN 1 AND 100),
    CONSTRAINT patients_names_no_markup CHECK (
        (family_name || given_name || coalesce(patronymic, '')) !~ '[<>&"\\/;=(){}\[\]0-9[:cntrl:]]'),
    CONSTRAINT patients_sex_known CHECK (sex IN ('MALE', 'FEMALE', 'OTHER', 'UNKNOWN')),
    CONSTRAINT patients_birth_date_plausible CHECK (birth_date >= DATE '1850-01-01'),
    CONSTRAINT patients_email_length CHECK (email IS NULL OR char_length(email) BETWEEN 3 AND 254),
    CONSTRAINT patients_country_code CHECK (address_country ~ '^[A-Z]{2}$'),
    CONSTRAINT patients_region_length CHECK (address_region IS NULL OR char_length(address_region) BETWEEN 1 AND 100),
    CONSTRAINT patients_district_length CHECK (address_district IS NULL OR char_length(address_district) BETWEEN 1 AND 100),
    CONSTRAINT patients_street_length CHECK (address_street IS NULL OR char_length(address_street) BETWEEN 1 AND 300),
    CONSTRAINT patients_language_known CHECK (language IN ('uz', 'ru', 'en')),
    CONSTRAINT patients_emergency_name_length CHECK (
        emergency_contact_name IS NULL OR char_length(emergency_contact_name) BETWEEN 1 AND 200),
    CONSTRAINT patients_emergency_phone_e164 CHECK (
        emergency_contact_phone IS NULL OR emergency_contact_phone ~ '^\+[1-9][0-9]{6,14}$'),
    CONSTRAINT patients_emergency_relation_length CHECK (
        emergency_contact_relation IS NULL OR char_length(emergency_contact_relation) BETWEEN 1 AND 100),
    CONSTRAINT patients_notes_length CHECK (notes IS NULL OR char_length(notes) <= 2000),
    CONSTRAINT patients_consent_date CHECK (consent_data_processing OR consent_data_processing_on IS NULL),
    CONSTRAINT patients_name_key_length CHECK (char_length(name_key) BETWEEN 1 AND 400),
    CONSTRAINT patients_status_known CHECK (status IN ('ACTIVE', 'MERGED')),
    CONSTRAINT patients_merged_has_target CHECK ((status = 'MERGED') = (merged_into IS NOT NULL)),
    CONSTRAINT patients_not_merged_into_self CHECK (merged_into IS DISTINCT FROM id),
    CONSTRAINT patients_deleted_by_with_date CHECK (deleted_at IS NOT NULL OR deleted_by IS NULL)
);

-- Name search and duplicate matching: trigram similarity on the folded name.
CREATE INDEX patients_name_key_trgm ON patients.patients USING gin (name_key gin_trgm_ops);
CREATE INDEX patients_birth_date ON patients.patients (tenant_id, birth_date);
-- Names that begin with what was typed, in name order: short beginnings, which trigrams cannot serve, and the
-- first step of every name search (see PatientQueries.search). Under row-level security PostgreSQL uses an
-- index only for leakproof operators, which the trigram ones are not and text_pattern_ops' ~>=~ and ~<~ are.
-- It covers the search of live records (id included), so the scan does not visit the table.
CREATE INDEX patients_name_key_prefix ON patients.patients (tenant_id, name_key text_pattern_ops, id)
    WHERE deleted_at IS NULL AND status = 'ACTIVE';

CREATE TABLE patients.phones
(
    tenant_id       UUID     NOT NULL,
    patient_id      UUID     NOT NULL,
    position        SMALLINT NOT NULL,
    e164            TEXT     NOT NULL,
    is_primary      BOOLEAN  NOT NULL,
    -- the digits backwards, so "ends with 4567" is an index prefix search
    digits_reversed TEXT GENERATED ALWAYS AS (reverse(substr(e164, 2))) STORED,
    CONSTRAINT phones_pkey PRIMARY KEY (patient_id, position),
    CONSTRAINT phones_patient_fkey FOREIGN KEY (patient_id, tenant_id)
        REFERENCES patients.patients (id, tenant_id) ON DELETE CASCADE,
    CONSTRAINT phones_number_unique_per_patient UNIQUE (patient_id, e164),
    CONSTRAINT phones_e164 CHECK (e164 ~ '^\+[1-9][0-9]{6,14}$'),
    CONSTRAINT phones_position_range CHECK (position BETWEEN 0 AND 9)
);
CREATE UNIQUE INDEX phones_one_primary ON patients.phones (patient_id) WHERE is_primary;
CREATE INDEX phones_digits_reversed ON patients.phones (tenant_id, digits_reversed text_pattern_ops);
-- the same number on other records: duplicate checks on every registration, exact phone search, the review list
CREATE INDEX phones_e164 ON patients.phones (tenant_id, e164);

-- Typed identifiers. Unique per tenant among active ones; a merged record's identifiers are kept
-- (inactive) so an undo can restore them.
CREATE TABLE patients.identifiers
(
    tenant_id  UUID    NOT NULL,
    patient_id UUID    NOT NULL,
    type       TEXT    NOT NULL,
    country    TEXT    NOT NULL DEFAULT '',
    value      TEXT    NOT NULL,
    active     BOOLEAN NOT NULL DEFAULT TRUE,
    CONSTRAINT identifiers_pkey PRIMARY KEY (patient_id, type, country, value),
    CONSTRAINT identifiers_patient_fkey FOREIGN KEY (patient_id, tenant_id)
        REFERENCES patients.patients (id, tenant_id) ON DELETE CASCADE,
    CONSTRAINT identifiers_type_known CHECK (
        type IN ('PINFL', 'UZ_PASSPORT', 'UZ_ID_CARD', 'BIRTH_CERTIFICATE', 'FOREIGN_PASSPORT', 'INSURANCE')),
    CONSTRAINT identifiers_country_format CHECK (
        (type = 'FOREIGN_PASSPORT' AND country ~ '^[A-Z]{2}$') OR (type <> 'FOREIGN_PASSPORT' AND country = '')),
    CONSTRAINT identifiers_value_format CHECK (value ~ '^[A-Z0-9-]{1,30}$'),
    CONSTRAINT identifiers_pinfl_format CHECK (type <> 'PINFL' OR value ~ '^[0-9]{14}$'),
    CONSTRAINT identifiers_passport_format CHECK (type <> 'UZ_PASSPORT' OR value ~ '^[A-Z]{2}[0-9]{7}$')
);
CREATE UNIQUE INDEX identifiers_unique_per_tenant ON patients.identifiers (tenant_id, type, country, value) WHERE active;
CREATE INDEX identifiers_value ON patients.identifiers (value);

-- A merge keeps what it changed, so it can be undone exactly.
CREATE TABLE patients.merges
(
    id               UUID        NOT NULL,
    tenant_id        UUID        NOT NULL,
    survivor_id      UUID        NOT NULL,
    merged_id        UUID        NOT NULL,
    field_choices    JSONB       NOT NULL,
    snapshot         JSONB       NOT NULL,
    moved_references JSONB       NOT NULL DEFAULT '{}',
    -- the survivor's version right after the merge: an undo refuses to overwrite later edits
    survivor_version INT         NOT NULL,
    merged_at        TIMESTAMPTZ NOT NULL,
    merged_by        UUID,
    undone_at        TIMESTAMPTZ,
    undone_by        UUID,
    CONSTRAINT merges_pkey PRIMARY KEY (id),
    CONSTRAINT merges_survivor_fkey FOREIGN KEY (survivor_id, tenant_id)
        REFERENCES patients.patients (id, tenant_id) ON DELETE RESTRICT,
    CONSTRAINT merges_merged_fkey FOREIGN KEY (merged_id, tenant_id)
        REFERENCES patients.patients (id, tenant_id) ON DELETE RESTRICT,
    CONSTRAINT merges_two_records CHECK (survivor_id <> merged_id),
    CONSTRAINT merges_undone_by_with_date CHECK (undone_at IS NOT NULL OR undone_by IS NULL)
);
CREATE INDEX merges_survivor ON patients.merges (survivor_id);
CREATE INDEX merges_merged ON patients.merges (merged_id);
-- a record is merged away at most once at a time
CREATE UNIQUE INDEX merges_one_open_per_merged ON patients.merges (merged_id) WHERE undone_at IS NULL;

-- Pairs an administrator looked at and said are two different people.
CREATE TABLE patients.not_duplicates
(
    tenant_id UUID        NOT NULL,
    first_id  UUID        NOT NULL,
    second_id UUID        NOT NULL,
    marked_at TIMESTAMPTZ NOT NULL,
    marked_by UUID,
    CONSTRAINT not_duplicates_pkey PRIMARY KEY (first_id, second_id),
    CONSTRAINT not_duplicates_first_fkey FOREIGN KEY (first_id, tenant_id)
        REFERENCES patients.patients (id, tenant_id) ON DELETE CASCADE,
    CONSTRAINT not_duplicates_second_fkey FOREIGN KEY (second_id, tenant_id)
        REFERENCES patients.patients (id, tenant_id) ON DELETE CASCADE,
    CONSTRAINT not_duplicates_ordered CHECK (first_id < second_id)
);

ALTER TABLE patients.record_numbers ENABLE ROW LEVEL SECURITY;
ALTER TABLE patients.record_numbers FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON patients.record_numbers
    USING (tenant_id = shifo_current_tenant() OR shifo_is_system())
    WITH CHECK (tenant_id = shifo_current_tenant() OR shifo_is_system());

ALTER TABLE patients.patients ENABLE ROW LEVEL SECURITY;
ALTER TABLE patients.patients FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON patients.patients
    USING (tenant_id = shifo_current_tenant() OR shifo_is_system())
    WITH CHECK (tenant_id = shifo_current_tenant() OR shifo_is_system());

ALTER TABLE patients.phones ENABLE ROW LEVEL SECURITY;
ALTER TABLE patients.phones FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON patients.phones
    USING (tenant_id = shifo_current_tenant() OR shifo_is_system())
    WITH CHECK (tenant_id = shifo_current_tenant() OR shifo_is_system());

ALTER TABLE patients.identifiers ENABLE ROW LEVEL SECURITY;
ALTER TABLE patients.identifiers FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON patients.identifiers
    USING (tenant_id = shifo_current_tenant() OR shifo_is_system())
    WITH CHECK (tenant_id = shifo_current_tenant() OR shifo_is_system());

ALTER TABLE patients.merges ENABLE ROW LEVEL SECURITY;
ALTER TABLE patients.merges FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON patients.merges
    USING (tenant_id = shifo_current_tenant() OR shifo_is_system())
    WITH CHECK (tenant_id = shifo_current_tenant() OR shifo_is_system());

ALTER TABLE patients.not_duplicates ENABLE ROW LEVEL SECURITY;
ALTER TABLE patients.not_duplicates FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON patients.not_duplicates
    USING (tenant_id = shifo_current_tenant() OR shifo_is_system())
    WITH CHECK (tenant_id = shifo_current_tenant() OR shifo_is_system());
