-- Seals move out of audit.entries into an insert-only table of their own, so that an entry is written once:
-- recording inserts it, the sealer inserts its seal, and no row of either table is ever updated. Before, the
-- sealer updated every entry a second time (a non-HOT update through all six of its indexes), which made an
-- audited read cost about twice the read itself (bench/README.md, "Audit trail").
--
-- How the sealer finds what is not sealed yet, without an index written by every entry: each entry carries
-- the id of the transaction that inserted it (xact_id, filled by the database), and a BRIN index on it, which
-- costs next to nothing to maintain on an append-only table. Once every transaction older than a horizon has
-- ended (pg_snapshot_xmin), every entry below it is either visible or will never exist; the sealer keeps
-- that horizon and looks only at entries at or above it (see AuditSealer and docs/audit.md).

-- The seal of one entry: its place in its tenant's chain, the previous entry's MAC and its own.
CREATE TABLE audit.seals
(
    seq          BIGINT      NOT NULL,
    tenant_id    UUID        NOT NULL,
    chain_index  BIGINT      NOT NULL,
    previous_mac BYTEA       NOT NULL,
    mac          BYTEA       NOT NULL,
    sealed_at    TIMESTAMPTZ NOT NULL,
    -- one seal per entry (no foreign key: checking it would lock, and so write, every entry row again; an entry
    -- missing behind its seal shows as a gap when the chain is verified)
    CONSTRAINT seals_pkey PRIMARY KEY (seq),
    CONSTRAINT seals_chain_index_positive CHECK (chain_index >= 1),
    CONSTRAINT seals_mac_length CHECK (octet_length(previous_mac) = 32 AND octet_length(mac) = 32),
    -- one entry per position of a tenant's chain; also the index verification streams the chain by
    CONSTRAINT seals_tenant_chain_index_key UNIQUE (tenant_id, chain_index)
);

INSERT INTO audit.seals (seq, tenant_id, chain_index, previous_mac, mac, sealed_at)
SELECT seq, tenant_id, chain_index, previous_mac, mac, sealed_at
FROM audit.entries
WHERE chain_index IS NOT NULL;

-- The entries lose their chain columns, the triggers that guarded sealing, and the two indexes that served
-- the chain (the unsealed rows, the chain positions): six indexes per entry become four.
DROP TRIGGER entries_insert_unsealed ON audit.entries;
DROP TRIGGER entries_update_only_seals ON audit.entries;
DROP INDEX audit.entries_unsealed_idx;
ALTER TABLE audit.entries
    DROP CONSTRAINT entries_sealed_together,
    DROP CONSTRAINT entries_chain_index_positive,
    DROP CONSTRAINT entries_mac_length,
    DROP CONSTRAINT entries_tenant_chain_index_key,
    DROP COLUMN chain_index,
    DROP COLUMN previous_mac,
    DROP COLUMN mac,
    DROP COLUMN sealed_at;
-- An entry is never updated now: the table needs no vacuum for dead rows, only the ordinary insert-driven one.
ALTER TABLE audit.entries RESET (autovacuum_vacuum_scale_factor, autovacuum_vacuum_threshold);

-- The inserting transaction's id (pg_current_xact_id as a bigint: BRIN has no operator class for xid8).
-- Entries from before this migration get 0, so the sealer's first pass looks at all of them.
ALTER TABLE audit.entries ADD COLUMN xact_id BIGINT NOT NULL DEFAULT 0;
ALTER TABLE audit.entries ALTER COLUMN xact_id SET DEFAULT (pg_current_xact_id()::text::bigint);
CREATE INDEX entries_xact_id_brin ON audit.entries USING brin (xact_id)
    WITH (pages_per_range = 16, autosummarize = on);

-- Entries with their seals (NULL until sealed): what the administrators' search reads.
CREATE VIEW audit.trail WITH (security_invoker = true) AS
SELECT e.seq, e.tenant_id, e.occurred_at, e.actor_type, e.actor_id, e.actor_name, e.action, e.target_type,
       e.target_id, e.outcome, e.client_ip, e.request_id, e.details,
       s.chain_index, s.previous_mac, s.mac, s.sealed_at
FROM audit.entries e
         LEFT JOIN audit.seals s ON s.seq = e.seq;

-- Append-only, for every role including the owner: an entry and a seal are inserted, never changed or removed.
CREATE OR REPLACE FUNCTION audit.entries_append_only() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION '%.% is append-only: % is not allowed', TG_TABLE_SCHEMA, TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
END
$$;

CREATE TRIGGER entries_no_update
    BEFORE UPDATE
    ON audit.entries
    FOR EACH ROW
EXECUTE FUNCTION audit.entries_append_only();

CREATE TRIGGER seals_no_update_or_delete
    BEFORE UPDATE OR DELETE
    ON audit.seals
    FOR EACH ROW
EXECUTE FUNCTION audit.entries_append_only();

CREATE TRIGGER seals_no_truncate
    BEFORE TRUNCATE
    ON audit.seals
    FOR EACH STATEMENT
EXECUTE FUNCTION audit.entries_append_only();

ALTER TABLE audit.seals ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit.seals FORCE ROW LEVEL SECURITY;
CREATE POLICY seals_tenant_isolation ON audit.seals
    USING (tenant_id = shifo_current_tenant() OR shifo_is_system())
    WITH CHECK (tenant_id = shifo_current_tenant() OR shifo_is_system());

-- The runtime role (see V040): it may append entries and seals and read them, nothing else. It no longer
-- needs UPDATE on any column of the entries, and it may not choose an entry's xact_id (a made-up one below
-- the sealer's horizon would keep the entry out of the chain).
DO
$$
DECLARE
    app TEXT := '${app_role}';
BEGIN
    IF app = '' OR app = current_user THEN
        RETURN;
    END IF;
    EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON audit.seals FROM %I', app);
    EXECUTE format('REVOKE INSERT ON audit.entries FROM %I', app);
    EXECUTE format('GRANT INSERT (tenant_id, occurred_at, actor_type, actor_id, actor_name, action, target_type,'
                       || ' target_id, outcome, client_ip, request_id, details) ON audit.entries TO %I', app);
    EXECUTE format('REVOKE ALL ON audit.trail FROM %I', app);
    EXECUTE format('GRANT SELECT ON audit.trail TO %I', app);
END
$$;
