CREATE SCHEMA queue;

-- One queue per practitioner (or service point: cashier, laboratory, ...) per branch per day. The row is
-- also the lock every change of the queue takes first, so changes of one queue happen one after another
-- and its event sequence has no gaps; different queues never wait for each other.
CREATE TABLE queue.queues
(
    id              UUID        NOT NULL,
    tenant_id       UUID        NOT NULL,
    branch_id       UUID        NOT NULL,
    day             DATE        NOT NULL,
    practitioner_id UUID,
    service_point   TEXT,
    name            TEXT        NOT NULL,
    prefix          TEXT        NOT NULL,
    last_number     INT         NOT NULL DEFAULT 0,
    last_seq        BIGINT      NOT NULL DEFAULT 0,
    created_at      TIMESTAMPTZ NOT NULL,
    CONSTRAINT queues_pkey PRIMARY KEY (id),
    CONSTRAINT queues_id_tenant_unique UNIQUE (id, tenant_id),
    CONSTRAINT queues_branch_fkey FOREIGN KEY (branch_id, tenant_id)
        REFERENCES identity.branches (id, tenant_id) ON DELETE RESTRICT,
    CONSTRAINT queues_practitioner_fkey FOREIGN KEY (practitioner_id, tenant_id)
        REFERENCES identity.users (id, tenant_id) ON DELETE RESTRICT,
    CONSTRAINT queues_one_owner CHECK ((practitioner_id IS NULL) <> (service_point IS NULL)),
    CONSTRAINT queues_service_point_known CHECK (
        service_point IS NULL OR service_point IN ('RECEPTION', 'CASHIER', 'LABORATORY', 'PROCEDURES', 'IMAGING')),
    CONSTRAINT queues_name_length CHECK (char_length(name) BETWEEN 1 AND 200),
    CONSTRAINT queues_prefix_format CHECK (prefix ~ '^[A-Z]{1,2}$'),
    CONSTRAINT queues_counters CHECK (last_number >= 0 AND last_number <= 999 AND last_seq >= 0)
);
CREATE UNIQUE INDEX queues_practitioner_day ON queue.queues (tenant_id, branch_id, day, practitioner_id)
    WHERE practitioner_id IS NOT NULL;
CREATE UNIQUE INDEX queues_service_point_day ON queue.queues (tenant_id, branch_id, day, service_point)
    WHERE service_point IS NOT NULL;
CREATE INDEX queues_branch_day ON queue.queues (tenant_id, branch_id, day);

-- A patient's place in a queue. The order of waiting tickets is derived from data: priority rank first,
-- then the time the ticket joined the queue, then its number.
CREATE TABLE queue.tickets
(
    id              UUID        NOT NULL,
    tenant_id       UUID        NOT NULL,
    queue_id        UUID        NOT NULL,
    number          INT         NOT NULL,
    patient_id      UUID        NOT NULL,
    appointment_id  UUID,
    priority        TEXT        NOT NULL,
    priority_rank   INT         NOT NULL,
    status          TEXT        NOT NULL,
    room            TEXT,
    called_by       UUID,
    call_count      INT         NOT NULL DEFAULT 0,
    joined_at       TIMESTAMPTZ NOT NULL,
    called_at       TIMESTAMPTZ,
    started_at      TIMESTAMPTZ,
    finished_at     TIMESTAMPTZ,
    transferred_to  UUID,
    transferred_from UUID,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    CONSTRAINT tickets_pkey PRIMARY KEY (id),
    CONSTRAINT tickets_id_tenant_unique UNIQUE (id, tenant_id),
    CONSTRAINT tickets_number_unique UNIQUE (queue_id, number),
    CONSTRAINT tickets_queue_fkey FOREIGN KEY (queue_id, tenant_id)
        REFERENCES queue.queues (id, tenant_id) ON DELETE CASCADE,
    CONSTRAINT tickets_patient_fkey FOREIGN KEY (patient_id, tenant_id)
        REFERENCES patients.patients (id, tenant_id) ON DELETE RESTRICT,
    CONSTRAINT tickets_appointment_fkey FOREIGN KEY (appointment_id)
        REFERENCES scheduling.appointments (id) ON DELETE RESTRICT,
    CONSTRAINT tickets_number_range CHECK (number BETWEEN 1 AND 999),
    CONSTRAINT tickets_priority_known CHECK (
        priority IN ('EMERGENCY', 'DISABLED', 'ELDERLY', 'BOOKED', 'WALK_IN', 'RETURNING')),
    CONSTRAINT tickets_status_known CHECK (
        status IN ('WAITING', 'CALLED', 'IN_SERVICE', 'DONE', 'SKIPPED', 'TRANSFERRED')),
    CONSTRAINT tickets_room_length CHECK (room IS NULL OR char_length(room) BETWEEN 1 AND 50),
    CONSTRAINT tickets_called_time CHECK (status NOT IN ('CALLED', 'IN_SERVICE', 'DONE') OR called_at IS NOT NULL),
    CONSTRAINT tickets_started_time CHECK (status NOT IN ('IN_SERVICE', 'DONE') OR started_at IS NOT NULL),
    CONSTRAINT tickets_transfer_target CHECK ((status = 'TRANSFERRED') = (transferred_to IS NOT NULL))
);
CREATE INDEX tickets_queue_waiting ON queue.tickets (queue_id, priority_rank DESC, joined_at, number)
    WHERE status = 'WAITING';
CREATE INDEX tickets_queue ON queue.tickets (tenant_id, queue_id);
-- one live ticket per appointment: checking in twice does not queue a patient twice
CREATE UNIQUE INDEX tickets_appointment_live ON queue.tickets (appointment_id)
    WHERE appointment_id IS NOT NULL AND status NOT IN ('DONE', 'SKIPPED', 'TRANSFERRED');

-- Every change of a queue, numbered per queue without gaps: a live client that sees seq 41 after 39
-- knows it missed one and re-reads; a reconnecting client resumes after the last seq it saw.
CREATE TABLE queue.events
(
    queue_id  UUID        NOT NULL,
    seq       BIGINT      NOT NULL,
    tenant_id UUID        NOT NULL,
    ticket_id UUID        NOT NULL,
    event     TEXT        NOT NULL,
    at        TIMESTAMPTZ NOT NULL,
    CONSTRAINT events_pkey PRIMARY KEY (queue_id, seq),
    CONSTRAINT events_queue_fkey FOREIGN KEY (queue_id, tenant_id)
        REFERENCES queue.queues (id, tenant_id) ON DELETE CASCADE,
    CONSTRAINT events_kind_known CHECK (event IN (
        'TICKET_ISSUED', 'TICKET_CALLED', 'TICKET_RECALLED', 'TICKET_STARTED', 'TICKET_FINISHED',
        'TICKET_SKIPPED', 'TICKET_RETURNED', 'TICKET_TRANSFERRED'))
);

ALTER TABLE queue.queues ENABLE ROW LEVEL SECURITY;
ALTER TABLE queue.queues FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON queue.queues
    USING (tenant_id = shifo_current_tenant() OR shifo_is_system())
    WITH CHECK (tenant_id = shifo_current_tenant() OR shifo_is_system());

ALTER TABLE queue.tickets ENABLE ROW LEVEL SECURITY;
ALTER TABLE queue.tickets FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON queue.tickets
    USING (tenant_id = shifo_current_tenant() OR shifo_is_system())
    WITH CHECK (tenant_id = shifo_current_tenant() OR shifo_is_system());

ALTER TABLE queue.events ENABLE ROW LEVEL SECURITY;
ALTER TABLE queue.events FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON queue.events
    USING (tenant_id = shifo_current_tenant() OR shifo_is_system())
    WITH CHECK (tenant_id = shifo_current_tenant() OR shifo_is_system());
