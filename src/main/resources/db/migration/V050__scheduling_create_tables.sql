CREATE SCHEMA scheduling;

-- What a practitioner does in an appointment, and how long it takes by default.
CREATE TABLE scheduling.services
(
    id               UUID        NOT NULL,
    tenant_id        UUID        NOT NULL,
    name             TEXT        NOT NULL,
    duration_minutes INT         NOT NULL,
    specialty        TEXT,
    active           BOOLEAN     NOT NULL DEFAULT TRUE,
    created_at       TIMESTAMPTZ NOT NULL,
    CONSTRAINT services_pkey PRIMARY KEY (id),
    CONSTRAINT services_id_tenant_unique UNIQUE (id, tenant_id),
    CONSTRAINT services_organization_fkey FOREIGN KEY (tenant_id)
        REFERENCES identity.organizations (id) ON DELETE RESTRICT,
    CONSTRAINT services_name_length CHECK (char_length(name) BETWEEN 1 AND 200),
    CONSTRAINT services_specialty_length CHECK (specialty IS NULL OR char_length(specialty) BETWEEN 1 AND 100),
    CONSTRAINT services_duration_range CHECK (duration_minutes BETWEEN 5 AND 480)
);
CREATE UNIQUE INDEX services_name_unique ON scheduling.services (tenant_id, lower(name));

-- A practitioner's weekly template in one branch: the header row, its working intervals and breaks, and
-- the services the practitioner performs there.
CREATE TABLE scheduling.schedules
(
    tenant_id       UUID        NOT NULL,
    practitioner_id UUID        NOT NULL,
    branch_id       UUID        NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    updated_by      UUID,
    CONSTRAINT schedules_pkey PRIMARY KEY (practitioner_id, branch_id),
    CONSTRAINT schedules_practitioner_fkey FOREIGN KEY (practitioner_id, tenant_id)
        REFERENCES identity.users (id, tenant_id) ON DELETE CASCADE,
    CONSTRAINT schedules_branch_fkey FOREIGN KEY (branch_id, tenant_id)
        REFERENCES identity.branches (id, tenant_id) ON DELETE CASCADE
);
CREATE INDEX schedules_tenant_branch ON scheduling.schedules (tenant_id, branch_id);

-- Times of day are minutes since midnight in the branch's time zone, so a practitioner's intervals can be
-- compared as integer ranges: nobody works in two places (or twice) at one hour of a weekday.
CREATE TABLE scheduling.schedule_hours
(
    tenant_id       UUID NOT NULL,
    practitioner_id UUID NOT NULL,
    branch_id       UUID NOT NULL,
    day_of_week     INT  NOT NULL,
    start_minute    INT  NOT NULL,
    end_minute      INT  NOT NULL,
    CONSTRAINT schedule_hours_schedule_fkey FOREIGN KEY (practitioner_id, branch_id)
        REFERENCES scheduling.schedules (practitioner_id, branch_id) ON DELETE CASCADE,
    CONSTRAINT schedule_hours_day CHECK (day_of_week BETWEEN 1 AND 7),
    CONSTRAINT schedule_hours_range CHECK (start_minute >= 0 AND end_minute <= 1440 AND start_minute < end_minute),
    CONSTRAINT schedule_hours_no_overlap EXCLUDE USING gist (
        tenant_id WITH =, practitioner_id WITH =, day_of_week WITH =, int4range(start_minute, end_minute) WITH &&)
);

CREATE TABLE scheduling.schedule_breaks
(
    tenant_id       UUID NOT NULL,
    practitioner_id UUID NOT NULL,
    branch_id       UUID NOT NULL,
    day_of_week     INT  NOT NULL,
    start_minute    INT  NOT NULL,
    end_minute      INT  NOT NULL,
    CONSTRAINT schedule_breaks_schedule_fkey FOREIGN KEY (practitioner_id, branch_id)
        REFERENCES scheduling.schedules (practitioner_id, branch_id) ON DELETE CASCADE,
    CONSTRAINT schedule_breaks_day CHECK (day_of_week BETWEEN 1 AND 7),
    CONSTRAINT schedule_breaks_range CHECK (start_minute >= 0 AND end_minute <= 1440 AND start_minute < end_minute),
    CONSTRAINT schedule_breaks_no_overlap EXCLUDE USING gist (
        tenant_id WITH =, practitioner_id WITH =, day_of_week WITH =, int4range(start_minute, end_minute) WITH &&)
);

CREATE TABLE scheduling.schedule_services
(
    tenant_id       UUID NOT NULL,
    practitioner_id UUID NOT NULL,
    branch_id       UUID NOT NULL,
    service_id      UUID NOT NULL,
    CONSTRAINT schedule_services_pkey PRIMARY KEY (practitioner_id, branch_id, service_id),
    CONSTRAINT schedule_services_schedule_fkey FOREIGN KEY (practitioner_id, branch_id)
        REFERENCES scheduling.schedules (practitioner_id, branch_id) ON DELETE CASCADE,
    CONSTRAINT schedule_services_service_fkey FOREIGN KEY (service_id, tenant_id)
        REFERENCES scheduling.services (id, tenant_id) ON DELETE RESTRICT
);

-- Absences (vacation, sick leave, other) take time out of every branch's template; an extra shift adds
-- working time in one branch.
CREATE TABLE scheduling.exceptions
(
    id              UUID        NOT NULL,
    tenant_id       UUID        NOT NULL,
    practitioner_id UUID        NOT NULL,
    branch_id       UUID,
    kind            TEXT        NOT NULL,
    period          TSTZRANGE   NOT NULL,
    note            TEXT,
    created_at      TIMESTAMPTZ NOT NULL,
    created_by      UUID,
    CONSTRAINT exceptions_pkey PRIMARY KEY (id),
    CONSTRAINT exceptions_practitioner_fkey FOREIGN KEY (practitioner_id, tenant_id)
        REFERENCES identity.users (id, tenant_id) ON DELETE CASCADE,
    CONSTRAINT exceptions_branch_fkey FOREIGN KEY (branch_id, tenant_id)
        REFERENCES identity.branches (id, tenant_id) ON DELETE CASCADE,
    CONSTRAINT exceptions_kind_known CHECK (kind IN ('VACATION', 'SICK_LEAVE', 'OTHER_ABSENCE', 'EXTRA_SHIFT')),
    CONSTRAINT exceptions_shift_has_branch CHECK ((kind = 'EXTRA_SHIFT') = (branch_id IS NOT NULL)),
    CONSTRAINT exceptions_period_bounded CHECK (
        NOT isempty(period) AND NOT lower_inf(period) AND NOT upper_inf(period)
            AND upper(period) - lower(period) <= INTERVAL '366 days'),
    CONSTRAINT exceptions_note_length CHECK (note IS NULL OR char_length(note) BETWEEN 1 AND 500)
);
CREATE INDEX exceptions_practitioner_period ON scheduling.exceptions USING gist (tenant_id, practitioner_id, period);

-- Appointments and walk-in visits. No practitioner and no room is booked twice at one time: the exclusion
-- constraints hold for every appointment that still occupies its time (not cancelled, not a no-show). A
-- walk-in has no booked time; it waits in the queue and takes nobody's slot.
CREATE TABLE scheduling.appointments
(
    id              UUID        NOT NULL,
    tenant_id       UUID        NOT NULL,
    branch_id       UUID        NOT NULL,
    patient_id      UUID        NOT NULL,
    practitioner_id UUID        NOT NULL,
    service_id      UUID        NOT NULL,
    room            TEXT,
    start_at        TIMESTAMPTZ NOT NULL,
    end_at          TIMESTAMPTZ NOT NULL,
    period          TSTZRANGE GENERATED ALWAYS AS (tstzrange(start_at, end_at, '[)')) STORED,
    status          TEXT        NOT NULL,
    walk_in         BOOLEAN     NOT NULL DEFAULT FALSE,
    back_entry      BOOLEAN     NOT NULL DEFAULT FALSE,
    cancel_reason   TEXT,
    checked_in_at   TIMESTAMPTZ,
    started_at      TIMESTAMPTZ,
    finished_at     TIMESTAMPTZ,
    created_at      TIMESTAMPTZ NOT NULL,
    created_by      UUID,
    updated_at      TIMESTAMPTZ NOT NULL,
    version         INT         NOT NULL DEFAULT 0,
    CONSTRAINT appointments_pkey PRIMARY KEY (id),
    CONSTRAINT appointments_branch_fkey FOREIGN KEY (branch_id, tenant_id)
        REFERENCES identity.branches (id, tenant_id) ON DELETE RESTRICT,
    CONSTRAINT appointments_patient_fkey FOREIGN KEY (patient_id, tenant_id)
        REFERENCES patients.patients (id, tenant_id) ON DELETE RESTRICT,
    CONSTRAINT appointments_practitioner_fkey FOREIGN KEY (practitioner_id, tenant_id)
        REFERENCES identity.users (id, tenant_id) ON DELETE RESTRICT,
    CONSTRAINT appointments_service_fkey FOREIGN KEY (service_id, tenant_id)
        REFERENCES scheduling.services (id, tenant_id) ON DELETE RESTRICT,
    CONSTRAINT appointments_status_known CHECK (
        status IN ('BOOKED', 'CHECKED_IN', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED', 'NO_SHOW')),
    CONSTRAINT appointments_time_order CHECK (start_at < end_at AND end_at - start_at <= INTERVAL '8 hours'),
    CONSTRAINT appointments_room_length CHECK (room IS NULL OR char_length(room) BETWEEN 1 AND 50),
    CONSTRAINT appointments_cancel_reason CHECK ((status = 'CANCELLED') = (cancel_reason IS NOT NULL)),
    CONSTRAINT appointments_cancel_reason_length CHECK (
        cancel_reason IS NULL OR char_length(cancel_reason) BETWEEN 1 AND 500),
    CONSTRAINT appointments_walk_in_checked_in CHECK (NOT walk_in OR status <> 'BOOKED'),
    CONSTRAINT appointments_checked_in_time CHECK (
        status NOT IN ('CHECKED_IN', 'IN_PROGRESS', 'COMPLETED') OR checked_in_at IS NOT NULL),
    CONSTRAINT appointments_started_time CHECK (status NOT IN ('IN_PROGRESS', 'COMPLETED') OR started_at IS NOT NULL),
    CONSTRAINT appointments_finished_time CHECK (status <> 'COMPLETED' OR finished_at IS NOT NULL),
    CONSTRAINT appointments_no_double_booking EXCLUDE USING gist (
        tenant_id WITH =, practitioner_id WITH =, period WITH &&)
        WHERE (status NOT IN ('CANCELLED', 'NO_SHOW') AND NOT walk_in),
    CONSTRAINT appointments_no_double_room EXCLUDE USING gist (
        tenant_id WITH =, branch_id WITH =, room WITH =, period WITH &&)
        WHERE (room IS NOT NULL AND status NOT IN ('CANCELLED', 'NO_SHOW') AND NOT walk_in)
);
CREATE INDEX appointments_practitioner_start ON scheduling.appointments (tenant_id, practitioner_id, start_at);
CREATE INDEX appointments_branch_start ON scheduling.appointments (tenant_id, branch_id, start_at);
CREATE INDEX appointments_patient_start ON scheduling.appointments (tenant_id, patient_id, start_at);

ALTER TABLE scheduling.services ENABLE ROW LEVEL SECURITY;
ALTER TABLE scheduling.services FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON scheduling.services
    USING (tenant_id = shifo_current_tenant() OR shifo_is_system())
    WITH CHECK (tenant_id = shifo_current_tenant() OR shifo_is_system());

ALTER TABLE scheduling.schedules ENABLE ROW LEVEL SECURITY;
ALTER TABLE scheduling.schedules FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON scheduling.schedules
    USING (tenant_id = shifo_current_tenant() OR shifo_is_system())
    WITH CHECK (tenant_id = shifo_current_tenant() OR shifo_is_system());

ALTER TABLE scheduling.schedule_hours ENABLE ROW LEVEL SECURITY;
ALTER TABLE scheduling.schedule_hours FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON scheduling.schedule_hours
    USING (tenant_id = shifo_current_tenant() OR shifo_is_system())
    WITH CHECK (tenant_id = shifo_current_tenant() OR shifo_is_system());

ALTER TABLE scheduling.schedule_breaks ENABLE ROW LEVEL SECURITY;
ALTER TABLE scheduling.schedule_breaks FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON scheduling.schedule_breaks
    USING (tenant_id = shifo_current_tenant() OR shifo_is_system())
    WITH CHECK (tenant_id = shifo_current_tenant() OR shifo_is_system());

ALTER TABLE scheduling.schedule_services ENABLE ROW LEVEL SECURITY;
ALTER TABLE scheduling.schedule_services FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON scheduling.schedule_services
    USING (tenant_id = shifo_current_tenant() OR shifo_is_system())
    WITH CHECK (tenant_id = shifo_current_tenant() OR shifo_is_system());

ALTER TABLE scheduling.exceptions ENABLE ROW LEVEL SECURITY;
ALTER TABLE scheduling.exceptions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON scheduling.exceptions
    USING (tenant_id = shifo_current_tenant() OR shifo_is_system())
    WITH CHECK (tenant_id = shifo_current_tenant() OR shifo_is_system());

ALTER TABLE scheduling.appointments ENABLE ROW LEVEL SECURITY;
ALTER TABLE scheduling.appointments FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON scheduling.appointments
    USING (tenant_id = shifo_current_tenant() OR shifo_is_system())
    WITH CHECK (tenant_id = shifo_current_tenant() OR shifo_is_system());
