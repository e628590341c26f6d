-- The laboratory test catalogue of each clinic, modelled on FHIR ObservationDefinition (docs/clinical.md,
-- "Laboratory"): a test's code (LOINC where one exists, else a local code), names in three languages, the unit
-- results are kept in (UCUM) with the units it converts from, reference ranges by sex and age band with their
-- source, and critical limits. Every clinic edits its own copy; the starter catalogue is loaded into it once.
CREATE SCHEMA IF NOT EXISTS terminology;

CREATE TABLE terminology.lab_tests
(
    tenant_id        UUID          NOT NULL,
    code             TEXT          NOT NULL,
    system           TEXT          NOT NULL,
    aliases          TEXT[]        NOT NULL DEFAULT '{}',
    name_en          TEXT          NOT NULL,
    name_ru          TEXT          NOT NULL,
    name_uz          TEXT          NOT NULL,
    value_type       TEXT          NOT NULL,
    unit             TEXT          NOT NULL,
    panels           TEXT[]        NOT NULL DEFAULT '{}',
    critical_low     NUMERIC(14, 4),
    critical_high    NUMERIC(14, 4),
    critical_source  TEXT          NOT NULL DEFAULT '',
    impossible_above NUMERIC(14, 4),
    replace_ranges   BOOLEAN       NOT NULL DEFAULT TRUE,
    active           BOOLEAN       NOT NULL DEFAULT TRUE,
    sort_order       INT           NOT NULL DEFAULT 0,
    updated_at       TIMESTAMPTZ   NOT NULL,
    CONSTRAINT lab_tests_pkey PRIMARY KEY (tenant_id, code),
    CONSTRAINT lab_tests_code_format CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9.\-]{0,39}$'),
    CONSTRAINT lab_tests_loinc_format CHECK (system <> 'LOINC' OR code ~ '^[0-9]{1,7}-[0-9]$'),
    CONSTRAINT lab_tests_system_known CHECK (system IN ('LOINC', 'LOCAL')),
    CONSTRAINT lab_tests_names_length CHECK (char_length(name_en) BETWEEN 1 AND 200
        AND char_length(name_ru) BETWEEN 1 AND 200 AND char_length(name_uz) BETWEEN 1 AND 200),
    CONSTRAINT lab_tests_value_type_known CHECK (value_type IN ('QUANTITY', 'TEXT')),
    CONSTRAINT lab_tests_unit_length CHECK (char_length(unit) <= 30),
    CONSTRAINT lab_tests_quantity_unit CHECK (value_type <> 'QUANTITY' OR char_length(unit) >= 1),
    CONSTRAINT lab_tests_critical_order CHECK (critical_low IS NULL OR critical_high IS NULL
        OR critical_low < critical_high),
    CONSTRAINT lab_tests_critical_source_length CHECK (char_length(critical_source) <= 500),
    CONSTRAINT lab_tests_impossible_positive CHECK (impossible_above IS NULL OR impossible_above > 0)
);
CREATE INDEX lab_tests_aliases ON terminology.lab_tests USING gin (aliases);

-- Units a test accepts besides its own: value in the test's unit = value × factor + offset.
CREATE TABLE terminology.lab_test_units
(
    tenant_id UUID           NOT NULL,
    code      TEXT           NOT NULL,
    unit      TEXT           NOT NULL,
    factor    NUMERIC(18, 8) NOT NULL,
    "offset"  NUMERIC(18, 8) NOT NULL DEFAULT 0,
    CONSTRAINT lab_test_units_pkey PRIMARY KEY (tenant_id, code, unit),
    CONSTRAINT lab_test_units_test_fkey FOREIGN KEY (tenant_id, code)
        REFERENCES terminology.lab_tests (tenant_id, code) ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT lab_test_units_unit_length CHECK (char_length(unit) BETWEEN 1 AND 30),
    CONSTRAINT lab_test_units_factor_positive CHECK (factor > 0)
);

-- Reference ranges: by sex (ANY, MALE, FEMALE) and age band [age_from, age_to) as ISO 8601 periods (P18Y, P6M,
-- P28D), each with the source it was taken from. Either limit may be open (a cut-off such as HDL > 1.0).
CREATE TABLE terminology.lab_reference_ranges
(
    tenant_id UUID           NOT NULL,
    code      TEXT           NOT NULL,
    position  INT            NOT NULL,
    sex       TEXT           NOT NULL,
    age_from  TEXT           NOT NULL DEFAULT 'P0D',
    age_to    TEXT,
    low       NUMERIC(14, 4),
    high      NUMERIC(14, 4),
    source    TEXT           NOT NULL,
    CONSTRAINT lab_reference_ranges_pkey PRIMARY KEY (tenant_id, code, position),
    CONSTRAINT lab_reference_ranges_test_fkey FOREIGN KEY (tenant_id, code)
        REFERENCES terminology.lab_tests (tenant_id, code) ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT lab_reference_ranges_sex_known CHECK (sex IN ('ANY', 'MALE', 'FEMALE')),
    CONSTRAINT lab_reference_ranges_age_format CHECK (age_from ~ '^P[0-9]{1,4}[DWMY]$'
        AND (age_to IS NULL OR age_to ~ '^P[0-9]{1,4}[DWMY]$')),
    CONSTRAINT lab_reference_ranges_some_limit CHECK (low IS NOT NULL OR high IS NOT NULL),
    CONSTRAINT lab_reference_ranges_order CHECK (low IS NULL OR high IS NULL OR low <= high),
    CONSTRAINT lab_reference_ranges_source_length CHECK (char_length(source) BETWEEN 1 AND 500)
);

-- One row per clinic once the starter catalogue was loaded into it: the first node to insert the row loads
-- it, any other waits on the key and finds it done.
CREATE TABLE terminology.lab_catalogue_loads
(
    tenant_id      UUID        NOT NULL,
    starter_version TEXT       NOT NULL,
    loaded_at      TIMESTAMPTZ NOT NULL,
    CONSTRAINT lab_catalogue_loads_pkey PRIMARY KEY (tenant_id)
);

ALTER TABLE terminology.lab_tests ENABLE ROW LEVEL SECURITY;
ALTER TABLE terminology.lab_tests FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON terminology.lab_tests
    USING (tenant_id = shifo_current_tenant() OR shifo_is_system())
    WITH CHECK (tenant_id = shifo_current_tenant() OR shifo_is_system());

ALTER TABLE terminology.lab_test_units ENABLE ROW LEVEL SECURITY;
ALTER TABLE terminology.lab_test_units FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON terminology.lab_test_units
    USING (tenant_id = shifo_current_tenant() OR shifo_is_system())
    WITH CHECK (tenant_id = shifo_current_tenant() OR shifo_is_system());

ALTER TABLE terminology.lab_reference_ranges ENABLE ROW LEVEL SECURITY;
ALTER TABLE terminology.lab_reference_ranges FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON terminology.lab_reference_ranges
    USING (tenant_id = shifo_current_tenant() OR shifo_is_system())
    WITH CHECK (tenant_id = shifo_current_tenant() OR shifo_is_system());

ALTER TABLE terminology.lab_catalogue_loads ENABLE ROW LEVEL SECURITY;
ALTER TABLE terminology.lab_catalogue_loads FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON terminology.lab_catalogue_loads
    USING (tenant_id = shifo_current_tenant() OR shifo_is_system())
    WITH CHECK (tenant_id = shifo_current_tenant() OR shifo_is_system());
