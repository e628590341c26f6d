-- The audit trail: who saw or changed what, in which tenant, with what outcome.
--
-- Entries are inserted unsealed (chain columns NULL) in the transaction of the use case they record, so
-- recording never waits for another request. A background sealer then assigns each tenant's next
-- chain_index and an HMAC-SHA-256 over the entry's content, its chain index and the previous entry's MAC
-- (see docs/audit.md). After that the row never changes again.
CREATE SCHEMA audit;

-- The CHECKs mirror the application's format rules (EntryRules). Lengths are checked apart from the
-- patterns: PostgreSQL's regex engine expands a counted repetition such as {1,128} into as many states,
-- which made each insert ~150 us slower.
CREATE TABLE audit.entries
(
    seq          BIGINT GENERATED ALWAYS AS IDENTITY,
    tenant_id    UUID        NOT NULL,
    occurred_at  TIMESTAMPTZ NOT NULL,
    actor_type   TEXT        NOT NULL,
    actor_id     UUID,
    actor_name   TEXT        NOT NULL,
    action       TEXT        NOT NULL,
    target_type  TEXT        NOT NULL,
    target_id    TEXT        NOT NULL,
    outcome      TEXT        NOT NULL,
    client_ip    INET,
    request_id   TEXT,
    details      JSONB       NOT NULL DEFAULT '{}'::jsonb,
    chain_index  BIGINT,
    previous_mac BYTEA,
    mac          BYTEA,
    sealed_at    TIMESTAMPTZ,
    CONSTRAINT entries_pkey PRIMARY KEY (seq),
    CONSTRAINT entries_actor_type_check CHECK (actor_type IN ('USER', 'SYSTEM', 'ANONYMOUS')),
    CONSTRAINT entries_actor_id_check CHECK ((actor_type = 'USER') = (actor_id IS NOT NULL)),
    CONSTRAINT entries_actor_name_check CHECK (length(actor_name) BETWEEN 1 AND 200
        AND btrim(actor_name) <> '' AND actor_name !~ '[[:cntrl:]]'),
    CONSTRAINT entries_system_actor_name_format CHECK (actor_type <> 'SYSTEM'
        OR (length(actor_name) <= 64 AND actor_name ~ '^[a-z][a-z0-9-]*$')),
    CONSTRAINT entries_anonymous_actor_name_check CHECK (actor_type <> 'ANONYMOUS' OR actor_name = 'anonymous'),
    CONSTRAINT entries_action_format CHECK (length(action) <= 64
        AND action ~ '^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$'),
    CONSTRAINT entries_target_type_format CHECK (length(target_type) <= 64 AND target_type ~ '^[a-z][a-z0-9_]*$'),
    CONSTRAINT entries_target_id_format CHECK (length(target_id) <= 128 AND target_id ~ '^[A-Za-z0-9._:-]+$'),
    CONSTRAINT entries_outcome_check CHECK (outcome IN ('SUCCESS', 'DENIED', 'FAILURE')),
    CONSTRAINT entries_request_id_format CHECK (length(request_id) <= 128 AND request_id ~ '^[A-Za-z0-9._:-]+$'),
    CONSTRAINT entries_details_object CHECK (jsonb_typeof(details) = 'object'),
    -- the four chain columns are set together, by the sealer, or not at all
    CONSTRAINT entries_sealed_together CHECK (
        (chain_index IS NULL AND previous_mac IS NULL AND mac IS NULL AND sealed_at IS NULL)
            OR (chain_index IS NOT NULL AND previous_mac IS NOT NULL AND mac IS NOT NULL AND sealed_at IS NOT NULL)),
    CONSTRAINT entries_chain_index_positive CHECK (chain_index >= 1),
    CONSTRAINT entries_mac_length CHECK (octet_length(previous_mac) = 32 AND octet_length(mac) = 32),
    -- one entry per position of a tenant's chain; also the index verification streams the chain by
    CONSTRAINT entries_tenant_chain_index_key UNIQUE (tenant_id, chain_index)
)
-- Sealing updates every row once, leaving one dead row version per entry (and a dead entry in the unsealed
-- index the sealer scans): vacuum after a fixed number of them rather than a fraction of a table that only
-- grows.
WITH (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 100000);

-- What the sealer reads: unsealed rows in seq order. Sealed rows leave the index.
CREATE INDEX entries_unsealed_idx ON audit.entries (seq) WHERE chain_index IS NULL;
-- Searches, newest first (keyset on occurred_at, seq), by tenant and optionally actor or target.
-- Action, outcome and time-range filters ride on the first index.
CREATE INDEX entries_tenant_occurred_idx ON audit.entries (tenant_id, occurred_at DESC, seq DESC);
CREATE INDEX entries_tenant_actor_idx ON audit.entries (tenant_id, actor_id, occurred_at DESC, seq DESC);
CREATE INDEX entries_tenant_target_idx
    ON audit.entries (tenant_id, target_type, target_id, occurred_at DESC, seq DESC);

-- Append-only, for every role including the table owner and superusers (only a session that deliberately
-- sets session_replication_role = replica or disables the triggers gets past them, and the chain then shows
-- what it did). An INSERT must be unsealed; an UPDATE may only seal an unsealed row, changing nothing else;
-- DELETE and TRUNCATE are refused. The conditions sit in the triggers' WHEN clauses, so the hot path (an
-- insert, a seal) never calls the function: it only raises.
CREATE FUNCTION audit.entries_append_only() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_OP = 'INSERT' THEN
        RAISE EXCEPTION 'audit.entries: a new entry must be unsealed; only the sealer seals it'
            USING ERRCODE = 'integrity_constraint_violation';
    ELSIF TG_OP = 'UPDATE' THEN
        RAISE EXCEPTION 'audit.entries is append-only: an update may only seal an unsealed entry'
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RAISE EXCEPTION 'audit.entries is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
END
$$;

CREATE TRIGGER entries_insert_unsealed
    BEFORE INSERT
    ON audit.entries
    FOR EACH ROW
    WHEN (NEW.chain_index IS NOT NULL OR NEW.previous_mac IS NOT NULL OR NEW.mac IS NOT NULL
        OR NEW.sealed_at IS NOT NULL)
EXECUTE FUNCTION audit.entries_append_only();

-- A legitimate update seals an unsealed row and leaves every content column as it was. The list must name
-- every column but the four chain columns: a test compares it with the table, so a column added later
-- without extending this trigger fails the build.
CREATE TRIGGER entries_update_only_seals
    BEFORE UPDATE
    ON audit.entries
    FOR EACH ROW
    WHEN (NOT (OLD.chain_index IS NULL AND NEW.chain_index IS NOT NULL
        AND ROW (NEW.seq, NEW.tenant_id, NEW.occurred_at, NEW.actor_type, NEW.actor_id, NEW.actor_name,
                 NEW.action, NEW.target_type, NEW.target_id, NEW.outcome, NEW.client_ip, NEW.request_id,
                 NEW.details)
            IS NOT DISTINCT FROM
            ROW (OLD.seq, OLD.tenant_id, OLD.occurred_at, OLD.actor_type, OLD.actor_id, OLD.actor_name,
                 OLD.action, OLD.target_type, OLD.target_id, OLD.outcome, OLD.client_ip, OLD.request_id,
                 OLD.details)))
EXECUTE FUNCTION audit.entries_append_only();

CREATE TRIGGER entries_no_delete
    BEFORE DELETE
    ON audit.entries
    FOR EACH ROW
EXECUTE FUNCTION audit.entries_append_only();

CREATE TRIGGER entries_no_truncate
    BEFORE TRUNCATE
    ON audit.entries
    FOR EACH STATEMENT
EXECUTE FUNCTION audit.entries_append_only();
