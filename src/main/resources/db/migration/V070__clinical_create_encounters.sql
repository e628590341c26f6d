CREATE SCHEMA clinical;

-- A visit's clinical record: one patient, one practitioner, one branch, optionally the appointment and the
-- queue ticket it came from. OPEN while the doctor works; CLOSED with a primary diagnosis; a closed encounter
-- changes only by an amendment, which first copies the previous version into encounter_versions.
CREATE TABLE clinical.encounters
(
    id                    UUID        NOT NULL,
    tenant_id             UUID        NOT NULL,
    patient_id            UUID        NOT NULL,
    practitioner_id       UUID        NOT NULL,
    branch_id             UUID        NOT NULL,
    appointment_id        UUID,
    ticket_id             UUID,
    status                TEXT        NOT NULL,
    template              TEXT,
    complaints            TEXT        NOT NULL DEFAULT '',
    anamnesis             TEXT        NOT NULL DEFAULT '',
    examination           TEXT        NOT NULL DEFAULT '',
    dermatological_status TEXT        NOT NULL DEFAULT '',
    plan                  TEXT        NOT NULL DEFAULT '',
    recommendations       TEXT        NOT NULL DEFAULT '',
    version               INT         NOT NULL DEFAULT 1,
    started_at            TIMESTAMPTZ NOT NULL,
    closed_at             TIMESTAMPTZ,
    closed_by             UUID,
    created_by            UUID        NOT NULL,
    created_at            TIMESTAMPTZ NOT NULL,
    updated_at            TIMESTAMPTZ NOT NULL,
    deleted_at            TIMESTAMPTZ,
    CONSTRAINT encounters_pkey PRIMARY KEY (id),
    CONSTRAINT encounters_id_tenant_unique UNIQUE (id, tenant_id),
    CONSTRAINT encounters_patient_fkey FOREIGN KEY (patient_id, tenant_id)
        REFERENCES patients.patients (id, tenant_id) ON DELETE RESTRICT,
    CONSTRAINT encounters_practitioner_fkey FOREIGN KEY (practitioner_id, tenant_id)
        REFERENCES identity.users (id, tenant_id) ON DELETE RESTRICT,
    CONSTRAINT encounters_branch_fkey FOREIGN KEY (branch_id, tenant_id)
        REFERENCES identity.branches (id, tenant_id) ON DELETE RESTRICT,
    CONSTRAINT encounters_appointment_fkey FOREIGN KEY (appointment_id)
        REFERENCES scheduling.appointments (id) ON DELETE RESTRICT,
    CONSTRAINT encounters_ticket_fkey FOREIGN KEY (ticket_id)
        REFERENCES queue.tickets (id) ON DELETE RESTRICT,
    CONSTRAINT encounters_status_known CHECK (status IN ('OPEN', 'CLOSED')),
    CONSTRAINT encounters_closed_time CHECK ((status = 'CLOSED') = (closed_at IS NOT NULL)),
    CONSTRAINT encounters_closed_by CHECK ((status = 'CLOSED') = (closed_by IS NOT NULL)),
    CONSTRAINT encounters_template_known CHECK (template IS NULL OR template ~ '^[a-z][a-z0-9-]{0,39}$'),
    CONSTRAINT encounters_sections_length CHECK (
        char_length(complaints) <= 20000 AND char_length(anamnesis) <= 20000
            AND char_length(examination) <= 20000 AND char_length(dermatological_status) <= 20000
            AND char_length(plan) <= 20000 AND char_length(recommendations) <= 20000),
    CONSTRAINT encounters_version_positive CHECK (version >= 1),
    CONSTRAINT encounters_closed_after_start CHECK (closed_at IS NULL OR closed_at >= started_at)
);
-- the chart: a patient's encounters newest first, paged by (started_at, id)
CREATE INDEX encounters_patient_started ON clinical.encounters (tenant_id, patient_id, started_at DESC, id DESC)
    WHERE deleted_at IS NULL;
CREATE INDEX encounters_practitioner_open ON clinical.encounters (tenant_id, practitioner_id)
    WHERE status = 'OPEN' AND deleted_at IS NULL;
-- starting the same appointment or ticket twice opens one encounter
CREATE UNIQUE INDEX encounters_appointment_unique ON clinical.encounters (appointment_id)
    WHERE appointment_id IS NOT NULL AND deleted_at IS NULL;
CREATE UNIQUE INDEX encounters_ticket_unique ON clinical.encounters (ticket_id)
    WHERE ticket_id IS NOT NULL AND deleted_at IS NULL;

-- Every previous version of an encounter, written before an amendment changes it. Insert-only.
CREATE TABLE clinical.encounter_versions
(
    encounter_id UUID        NOT NULL,
    version      INT         NOT NULL,
    tenant_id    UUID        NOT NULL,
    content      JSONB       NOT NULL,
    amended_by   UUID        NOT NULL,
    amended_at   TIMESTAMPTZ NOT NULL,
    reason       TEXT        NOT NULL,
    CONSTRAINT encounter_versions_pkey PRIMARY KEY (encounter_id, version),
    CONSTRAINT encounter_versions_encounter_fkey FOREIGN KEY (encounter_id, tenant_id)
        REFERENCES clinical.encounters (id, tenant_id) ON DELETE RESTRICT,
    CONSTRAINT encounter_versions_reason_length CHECK (char_length(reason) BETWEEN 1 AND 1000)
);

-- Vital signs measured during an encounter. The impossible bands are refused here too (the application names
-- them first); BMI is computed by the application from weight and height, never entered.
CREATE TABLE clinical.vitals
(
    id               UUID         NOT NULL,
    tenant_id        UUID         NOT NULL,
    encounter_id     UUID         NOT NULL,
    patient_id       UUID         NOT NULL,
    measured_at      TIMESTAMPTZ  NOT NULL,
    systolic         INT,
    diastolic        INT,
    pulse            INT,
    respiratory_rate INT,
    temperature_c    NUMERIC(4, 1),
    spo2             INT,
    weight_kg        NUMERIC(6, 2),
    height_cm        NUMERIC(5, 1),
    bmi              NUMERIC(5, 1),
    pain_score       INT,
    flags            JSONB        NOT NULL DEFAULT '[]',
    recorded_by      UUID         NOT NULL,
    recorded_at      TIMESTAMPTZ  NOT NULL,
    CONSTRAINT vitals_pkey PRIMARY KEY (id),
    CONSTRAINT vitals_encounter_fkey FOREIGN KEY (encounter_id, tenant_id)
        REFERENCES clinical.encounters (id, tenant_id) ON DELETE RESTRICT,
    CONSTRAINT vitals_patient_fkey FOREIGN KEY (patient_id, tenant_id)
        REFERENCES patients.patients (id, tenant_id) ON DELETE RESTRICT,
    CONSTRAINT vitals_something_measured CHECK (num_nonnulls(systolic, diastolic, pulse, respiratory_rate,
        temperature_c, spo2, weight_kg, height_cm, pain_score) > 0),
    CONSTRAINT vitals_pressure_pair CHECK ((systolic IS NULL) = (diastolic IS NULL)),
    CONSTRAINT vitals_systolic_range CHECK (systolic IS NULL OR systolic BETWEEN 50 AND 300),
    CONSTRAINT vitals_diastolic_range CHECK (diastolic IS NULL OR diastolic BETWEEN 20 AND 200),
    CONSTRAINT vitals_systolic_above_diastolic CHECK (systolic IS NULL OR systolic > diastolic),
    CONSTRAINT vitals_pulse_range CHECK (pulse IS NULL OR pulse BETWEEN 20 AND 300),
    CONSTRAINT vitals_respiratory_range CHECK (respiratory_rate IS NULL OR respiratory_rate BETWEEN 4 AND 80),
    CONSTRAINT vitals_temperature_range CHECK (temperature_c IS NULL OR temperature_c BETWEEN 30 AND 45),
    CONSTRAINT vitals_spo2_range CHECK (spo2 IS NULL OR spo2 BETWEEN 50 AND 100),
    CONSTRAINT vitals_weight_range CHECK (weight_kg IS NULL OR weight_kg BETWEEN 0.3 AND 500),
    CONSTRAINT vitals_height_range CHECK (height_cm IS NULL OR height_cm BETWEEN 20 AND 272),
    CONSTRAINT vitals_pain_range CHECK (pain_score IS NULL OR pain_score BETWEEN 0 AND 10),
    CONSTRAINT vitals_bmi_computed CHECK ((bmi IS NULL) = (weight_kg IS NULL OR height_cm IS NULL)),
    CONSTRAINT vitals_flags_array CHECK (jsonb_typeof(flags) = 'array')
);
CREATE INDEX vitals_encounter ON clinical.vitals (tenant_id, encounter_id, measured_at);
CREATE INDEX vitals_patient_measured ON clinical.vitals (tenant_id, patient_id, measured_at DESC);

-- Diagnoses of an encounter: the code system, the code and the title shown when it was entered, so a later
-- re-import that changes or retires the code never changes what the doctor saw. At most one primary.
CREATE TABLE clinical.diagnoses
(
    id           UUID        NOT NULL,
    tenant_id    UUID        NOT NULL,
    encounter_id UUID        NOT NULL,
    patient_id   UUID        NOT NULL,
    system       TEXT        NOT NULL,
    code         TEXT        NOT NULL,
    display      TEXT        NOT NULL,
    verified     BOOLEAN     NOT NULL,
    kind         TEXT        NOT NULL,
    status       TEXT        NOT NULL,
    onset_date   DATE,
    recorded_by  UUID        NOT NULL,
    recorded_at  TIMESTAMPTZ NOT NULL,
    removed_at   TIMESTAMPTZ,
    removed_by   UUID,
    CONSTRAINT diagnoses_pkey PRIMARY KEY (id),
    CONSTRAINT diagnoses_encounter_fkey FOREIGN KEY (encounter_id, tenant_id)
        REFERENCES clinical.encounters (id, tenant_id) ON DELETE RESTRICT,
    CONSTRAINT diagnoses_patient_fkey FOREIGN KEY (patient_id, tenant_id)
        REFERENCES patients.patients (id, tenant_id) ON DELETE RESTRICT,
    CONSTRAINT diagnoses_system_length CHECK (char_length(system) BETWEEN 1 AND 200),
    CONSTRAINT diagnoses_code_format CHECK (code ~ '^[A-Z0-9][A-Z0-9.\-]{0,19}$'),
    CONSTRAINT diagnoses_display_length CHECK (char_length(display) BETWEEN 1 AND 500),
    CONSTRAINT diagnoses_kind_known CHECK (kind IN ('PRIMARY', 'SECONDARY')),
    CONSTRAINT diagnoses_status_known CHECK (status IN ('SUSPECTED', 'CONFIRMED', 'RULED_OUT')),
    CONSTRAINT diagnoses_removed CHECK ((removed_at IS NULL) = (removed_by IS NULL))
);
CREATE UNIQUE INDEX diagnoses_one_primary ON clinical.diagnoses (encounter_id)
    WHERE kind = 'PRIMARY' AND removed_at IS NULL;
CREATE UNIQUE INDEX diagnoses_code_once ON clinical.diagnoses (encounter_id, system, code)
    WHERE removed_at IS NULL;
CREATE INDEX diagnoses_encounter ON clinical.diagnoses (tenant_id, encounter_id);
CREATE INDEX diagnoses_patient ON clinical.diagnoses (tenant_id, patient_id, recorded_at DESC);

ALTER TABLE clinical.encounters ENABLE ROW LEVEL SECURITY;
ALTER TABLE clinical.encounters FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON clinical.encounters
    USING (tenant_id = shifo_current_tenant() OR shifo_is_system())
    WITH CHECK (tenant_id = shifo_current_tenant() OR shifo_is_system());

ALTER TABLE clinical.encounter_versions ENABLE ROW LEVEL SECURITY;
ALTER TABLE clinical.encounter_versions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON clinical.encounter_versions
    USING (tenant_id = shifo_current_tenant() OR shifo_is_system())
    WITH CHECK (tenant_id = shifo_current_tenant() OR shifo_is_system());

ALTER TABLE clinical.vitals ENABLE ROW LEVEL SECURITY;
ALTER TABLE clinical.vitals FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON clinical.vitals
    USING (tenant_id = shifo_current_tenant() OR shifo_is_system())
    WITH CHECK (tenant_id = shifo_current_tenant() OR shifo_is_system());

ALTER TABLE clinical.diagnoses ENABLE ROW LEVEL SECURITY;
ALTER TABLE clinical.diagnoses FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON clinical.diagnoses
    USING (tenant_id = shifo_current_tenant() OR shifo_is_system())
    WITH CHECK (tenant_id = shifo_current_tenant() OR shifo_is_system());

-- previous versions are history: the runtime role (see V040) may add them, never change or remove them
DO
$$
DECLARE
    app TEXT := '${app_role}';
BEGIN
    IF app = '' OR app = current_user THEN
        RETURN;
    END IF;
    EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON clinical.encounter_versions FROM %I', app);
END
$$;
