-- The Telegram bot's inbound side (docs/notifications.md "Telegram bot"): what the settings page's checklist shows,
-- the single poller's lease, processed updates (duplicates), and the one-time link tokens.

-- bot_id: the bot's numeric id (getMe), so a replaced token of another bot starts a fresh offset.
-- webhook_url / webhook_set_at: the webhook registered (mode WEBHOOK), null in POLLING mode.
-- poller_node / poller_lease_until: the one node that may call getUpdates for this bot until the lease ends
-- (renewed by every poll); poller_seen_at: its last poll. last_update_at: the last update received either way.
-- last_error: a short code of the last failure talking to Telegram (never a token or a message text).
ALTER TABLE notifications.telegram_bots
    ADD COLUMN bot_id             BIGINT,
    ADD COLUMN webhook_url        TEXT,
    ADD COLUMN webhook_set_at     TIMESTAMPTZ,
    ADD COLUMN last_update_at     TIMESTAMPTZ,
    ADD COLUMN poller_node        TEXT,
    ADD COLUMN poller_lease_until TIMESTAMPTZ,
    ADD COLUMN poller_seen_at     TIMESTAMPTZ,
    ADD COLUMN last_error         TEXT,
    ADD CONSTRAINT telegram_bots_lengths CHECK (
        (webhook_url IS NULL OR char_length(webhook_url) <= 500)
            AND (poller_node IS NULL OR char_length(poller_node) <= 200)
            AND (last_error IS NULL OR char_length(last_error) <= 200));

-- A chat linked for a family member the patient manages: the patient whose one-time link linked it.
ALTER TABLE notifications.telegram_links
    ADD COLUMN managed_by UUID,
    ADD CONSTRAINT telegram_links_managed_by_fkey FOREIGN KEY (managed_by, tenant_id)
        REFERENCES patients.patients (id, tenant_id) ON DELETE CASCADE;

-- Every update processed, by its update_id (spec 1.6: updates can be delivered again); inserted in the transaction
-- that processes the update, so a failed one is not marked and Telegram's redelivery is processed. Kept 7 days
-- (Telegram keeps undelivered updates 24 hours).
CREATE TABLE notifications.telegram_updates
(
    tenant_id   UUID        NOT NULL,
    update_id   BIGINT      NOT NULL,
    received_at TIMESTAMPTZ NOT NULL,
    CONSTRAINT telegram_updates_pkey PRIMARY KEY (tenant_id, update_id),
    CONSTRAINT telegram_updates_organization_fkey FOREIGN KEY (tenant_id)
        REFERENCES identity.organizations (id) ON DELETE CASCADE
);
CREATE INDEX telegram_updates_received ON notifications.telegram_updates (received_at);

-- A one-time link for a patient (spec 1.5): only the SHA-256 of the token is stored (the token is 32 random bytes in
-- base64url, shown once as t.me/<bot>?start=<token> and its QR code); valid until expires_at, used once.
CREATE TABLE notifications.telegram_link_tokens
(
    id           UUID        NOT NULL,
    tenant_id    UUID        NOT NULL,
    patient_id   UUID        NOT NULL,
    token_hash   TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    created_by   UUID,
    expires_at   TIMESTAMPTZ NOT NULL,
    used_at      TIMESTAMPTZ,
    used_chat_id BIGINT,
    CONSTRAINT telegram_link_tokens_pkey PRIMARY KEY (id),
    CONSTRAINT telegram_link_tokens_hash_unique UNIQUE (tenant_id, token_hash),
    CONSTRAINT telegram_link_tokens_id_tenant_unique UNIQUE (id, tenant_id),
    CONSTRAINT telegram_link_tokens_patient_fkey FOREIGN KEY (patient_id, tenant_id)
        REFERENCES patients.patients (id, tenant_id) ON DELETE CASCADE,
    CONSTRAINT telegram_link_tokens_hash_format CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    CONSTRAINT telegram_link_tokens_expiry CHECK (expires_at > created_at),
    CONSTRAINT telegram_link_tokens_used CHECK ((used_at IS NULL) = (used_chat_id IS NULL))
);
CREATE INDEX telegram_link_tokens_patient ON notifications.telegram_link_tokens (tenant_id, patient_id, created_at DESC);

-- The family members a link also links (chosen by staff when the link is made: the patient manages them).
CREATE TABLE notifications.telegram_link_token_members
(
    tenant_id  UUID NOT NULL,
    token_id   UUID NOT NULL,
    patient_id UUID NOT NULL,
    CONSTRAINT telegram_link_token_members_pkey PRIMARY KEY (token_id, patient_id),
    CONSTRAINT telegram_link_token_members_token_fkey FOREIGN KEY (token_id, tenant_id)
        REFERENCES notifications.telegram_link_tokens (id, tenant_id) ON DELETE CASCADE,
    CONSTRAINT telegram_link_token_members_patient_fkey FOREIGN KEY (patient_id, tenant_id)
        REFERENCES patients.patients (id, tenant_id) ON DELETE CASCADE
);

DO
$$
DECLARE
    t TEXT;
BEGIN
    FOREACH t IN ARRAY ARRAY ['telegram_updates', 'telegram_link_tokens', 'telegram_link_token_members']
        LOOP
            EXECUTE format('ALTER TABLE notifications.%I ENABLE ROW LEVEL SECURITY', t);
            EXECUTE format('ALTER TABLE notifications.%I FORCE ROW LEVEL SECURITY', t);
            EXECUTE format('CREATE POLICY tenant_isolation ON notifications.%I '
                               'USING (tenant_id = shifo_current_tenant() OR shifo_is_system()) '
                               'WITH CHECK (tenant_id = shifo_current_tenant() OR shifo_is_system())', t);
        END LOOP;
END
$$;
