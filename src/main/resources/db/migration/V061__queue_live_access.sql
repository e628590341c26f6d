-- One-time tickets that let an API client open the live queue WebSocket (valid 30 seconds, used once).
-- Only a SHA-256 of the ticket is stored. Any node can redeem a ticket another node issued.
CREATE TABLE queue.ws_tickets
(
    token_hash TEXT        NOT NULL,
    tenant_id  UUID        NOT NULL,
    user_id    UUID        NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ,
    CONSTRAINT ws_tickets_pkey PRIMARY KEY (token_hash),
    CONSTRAINT ws_tickets_user_fkey FOREIGN KEY (user_id, tenant_id)
        REFERENCES identity.users (id, tenant_id) ON DELETE CASCADE,
    CONSTRAINT ws_tickets_hash_format CHECK (token_hash ~ '^[0-9a-f]{64}$')
);
CREATE INDEX ws_tickets_expiry ON queue.ws_tickets (expires_at);

-- Lobby displays: a read-only, revocable token for one branch's board, created by an administrator.
CREATE TABLE queue.display_tokens
(
    id         UUID        NOT NULL,
    tenant_id  UUID        NOT NULL,
    branch_id  UUID        NOT NULL,
    name       TEXT        NOT NULL,
    token_hash TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    created_by UUID,
    revoked_at TIMESTAMPTZ,
    CONSTRAINT display_tokens_pkey PRIMARY KEY (id),
    CONSTRAINT display_tokens_hash_unique UNIQUE (token_hash),
    CONSTRAINT display_tokens_branch_fkey FOREIGN KEY (branch_id, tenant_id)
        REFERENCES identity.branches (id, tenant_id) ON DELETE CASCADE,
    CONSTRAINT display_tokens_name_length CHECK (char_length(name) BETWEEN 1 AND 100),
    CONSTRAINT display_tokens_hash_format CHECK (token_hash ~ '^[0-9a-f]{64}$')
);

ALTER TABLE queue.ws_tickets ENABLE ROW LEVEL SECURITY;
ALTER TABLE queue.ws_tickets FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON queue.ws_tickets
    USING (tenant_id = shifo_current_tenant() OR shifo_is_system())
    WITH CHECK (tenant_id = shifo_current_tenant() OR shifo_is_system());

ALTER TABLE queue.display_tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE queue.display_tokens FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON queue.display_tokens
    USING (tenant_id = shifo_current_tenant() OR shifo_is_system())
    WITH CHECK (tenant_id = shifo_current_tenant() OR shifo_is_system());
