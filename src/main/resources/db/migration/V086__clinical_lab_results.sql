-- Laboratory results of a patient (docs/clinical.md, "Laboratory"). Each row keeps the value and unit as they
-- were entered, the value converted to the catalogue's unit, and a copy of the reference range and critical
-- limits the flag was computed from: a later edit of the catalogue never changes what a result said.
CREATE TABLE clinical.lab_results
(
    id              UUID           NOT NULL,
    tenant_id       UUID           NOT NULL,
    patient_id      UUID           NOT NULL,
    encounter_id    UUID,
    test_code       TEXT           NOT NULL,
    test_system     TEXT           NOT NULL,
    value_type      TEXT           NOT NULL,
    value_text      TEXT           NOT NULL,
    value_entered   NUMERIC(18, 6),
    unit_entered    TEXT           NOT NULL,
    value_converted NUMERIC(18, 6),
    catalogue_unit  TEXT           NOT NULL,
    flag            TEXT,
    critical        BOOLEAN        NOT NULL,
    range_sex       TEXT,
    range_age_from  TEXT,
    range_age_to    TEXT,
    range_low       NUMERIC(14, 4),
    range_high      NUMERIC(14, 4),
    range_source    TEXT,
    range_default   BOOLEAN        NOT NULL DEFAULT FALSE,
    critical_low    NUMERIC(14, 4),
    critical_high   NUMERIC(14, 4),
    collected_at    TIMESTAMPTZ    NOT NULL,
    recorded_by     UUID           NOT NULL,
    recorded_at     TIMESTAMPTZ    NOT NULL,
    source          TEXT           NOT NULL,
    note            TEXT,
    CONSTRAINT lab_results_pkey PRIMARY KEY (id),
    CONSTRAINT lab_results_patient_fkey FOREIGN KEY (patient_id, tenant_id)
        REFERENCES patients.patients (id, tenant_id) ON DELETE RESTRICT,
    CONSTRAINT lab_results_encounter_fkey FOREIGN KEY (encounter_id, tenant_id)
        REFERENCES clinical.encounters (id, tenant_id) ON DELETE RESTRICT,
    CONSTRAINT lab_results_recorder_fkey FOREIGN KEY (recorded_by, tenant_id)
        REFERENCES identity.users (id, tenant_id) ON DELETE RESTRICT,
    CONSTRAINT lab_results_code_format CHECK (test_code ~ '^[A-Za-z0-9][A-Za-z0-9.\-]{0,39}$'),
    CONSTRAINT lab_results_system_known CHECK (test_system IN ('LOINC', 'LOCAL')),
    CONSTRAINT lab_results_value_type_known CHECK (value_type IN ('QUANTITY', 'TEXT')),
    CONSTRAINT lab_results_value_text_length CHECK (char_length(value_text) BETWEEN 1 AND 200),
    CONSTRAINT lab_results_quantity_values CHECK (value_type <> 'QUANTITY'
        OR (value_entered IS NOT NULL AND value_converted IS NOT NULL)),
    -- a concentration, a count or an activity is never negative
    CONSTRAINT lab_results_not_negative CHECK ((value_entered IS NULL OR value_entered >= 0)
        AND (value_converted IS NULL OR value_converted >= 0)),
    CONSTRAINT lab_results_units_length CHECK (char_length(unit_entered) <= 30 AND char_length(catalogue_unit) <= 30),
    CONSTRAINT lab_results_flag_known CHECK (flag IS NULL OR flag IN ('N', 'L', 'H', 'LL', 'HH')),
    CONSTRAINT lab_results_critical_flag CHECK (critical = (flag IS NOT NULL AND flag IN ('LL', 'HH'))),
    CONSTRAINT lab_results_range_sex_known CHECK (range_sex IS NULL OR range_sex IN ('ANY', 'MALE', 'FEMALE')),
    CONSTRAINT lab_results_range_source_length CHECK (range_source IS NULL OR char_length(range_source) <= 500),
    CONSTRAINT lab_results_source_known CHECK (source IN ('UI', 'API')),
    CONSTRAINT lab_results_note_length CHECK (note IS NULL OR char_length(note) BETWEEN 1 AND 2000),
    CONSTRAINT lab_results_recorded_after_collection CHECK (collected_at <= recorded_at + INTERVAL '5 minutes')
);
-- the chart's table: a patient's results newest first; a trend: one test's results of a patient
CREATE INDEX lab_results_patient_collected ON clinical.lab_results (tenant_id, patient_id, collected_at DESC, id DESC);
CREATE INDEX lab_results_patient_test ON clinical.lab_results (tenant_id, patient_id, test_code, collected_at DESC);
CREATE INDEX lab_results_encounter ON clinical.lab_results (tenant_id, encounter_id) WHERE encounter_id IS NOT NULL;

ALTER TABLE clinical.lab_results ENABLE ROW LEVEL SECURITY;
ALTER TABLE clinical.lab_results FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON clinical.lab_results
    USING (tenant_id = shifo_current_tenant() OR shifo_is_system())
    WITH CHECK (tenant_id = shifo_current_tenant() OR shifo_is_system());
