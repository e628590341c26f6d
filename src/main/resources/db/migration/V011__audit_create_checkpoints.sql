-- Daily checkpoints of each tenant's chain head: how many entries the chain had and the MAC of the last one.
-- Each is also written to the log so that a copy lives outside the database; verification compares the
-- chain with the latest one, which catches a chain whose tail was cut off.
CREATE TABLE audit.checkpoints
(
    id          BIGINT GENERATED ALWAYS AS IDENTITY,
    tenant_id   UUID        NOT NULL,
    taken_at    TIMESTAMPTZ NOT NULL,
    entry_count BIGINT      NOT NULL,
    head_mac    BYTEA       NOT NULL,
    CONSTRAINT checkpoints_pkey PRIMARY KEY (id),
    CONSTRAINT checkpoints_entry_count_positive CHECK (entry_count >= 1),
    CONSTRAINT checkpoints_head_mac_length CHECK (octet_length(head_mac) = 32)
);

CREATE INDEX checkpoints_tenant_taken_idx ON audit.checkpoints (tenant_id, taken_at DESC, id DESC);

CREATE FUNCTION audit.checkpoints_append_only() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'audit.checkpoints is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
END
$$;

CREATE TRIGGER checkpoints_append_only
    BEFORE UPDATE OR DELETE
    ON audit.checkpoints
    FOR EACH ROW
EXECUTE FUNCTION audit.checkpoints_append_only();

CREATE TRIGGER checkpoints_no_truncate
    BEFORE TRUNCATE
    ON audit.checkpoints
    FOR EACH STATEMENT
EXECUTE FUNCTION audit.checkpoints_append_only();
