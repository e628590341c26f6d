CREATE SCHEMA notifications;

-- The module's shared tables (docs/notifications.md). Later migrations of the module (V101-V119) add to them.

-- Per organization: the Telegram bot. The token is encrypted by the application (SecretKeys.encryptor, AES-GCM)
-- and never returned by the API; webhook_secret is the secret_token Telegram sends in the
-- X-Telegram-Bot-Api-Secret-Token header (spec 1.7: 1-256 of A-Z a-z 0-9 _ -), stable across restarts.
-- mode says how updates arrive: WEBHOOK or POLLING, never both (spec 1.6). last_update_id: the polling offset and
-- the webhook's duplicate guard.
CREATE TABLE notifications.telegram_bots
(
    tenant_id        UUID        NOT NULL,
    bot_username     TEXT        NOT NULL,
    token_encrypted  TEXT        NOT NULL,
    webhook_secret   TEXT        NOT NULL,
    mode             TEXT        NOT NULL,
    enabled          BOOLEAN     NOT NULL DEFAULT TRUE,
    last_update_id   BIGINT,
    updated_at       TIMESTAMPTZ NOT NULL,
    updated_by       UUID,
    CONSTRAINT telegram_bots_pkey PRIMARY KEY (tenant_id),
    CONSTRAINT telegram_bots_organization_fkey FOREIGN KEY (tenant_id)
        REFERENCES identity.organizations (id) ON DELETE CASCADE,
    CONSTRAINT telegram_bots_username_format CHECK (bot_username ~ '^[A-Za-z][A-Za-z0-9_]{3,31}$'),
    CONSTRAINT telegram_bots_secret_format CHECK (webhook_secret ~ '^[A-Za-z0-9_-]{16,256}$'),
    CONSTRAINT telegram_bots_mode_known CHECK (mode IN ('WEBHOOK', 'POLLING'))
);

-- A Telegram chat linked to a patient (the chat of the patient, or of the family member who manages them).
-- Active while unlinked_at is null; /stop, a 403 "blocked" or "deactivated", or a 400 "chat not found" unlink it
-- (unlink_reason). consent_at: when the patient agreed (pressing Start on the clinic's one-time link).
CREATE TABLE notifications.telegram_links
(
    id               UUID        NOT NULL,
    tenant_id        UUID        NOT NULL,
    patient_id       UUID        NOT NULL,
    chat_id          BIGINT      NOT NULL,
    telegram_user_id BIGINT,
    language         TEXT        NOT NULL,
    consent_at       TIMESTAMPTZ NOT NULL,
    linked_at        TIMESTAMPTZ NOT NULL,
    unlinked_at      TIMESTAMPTZ,
    unlink_reason    TEXT,
    CONSTRAINT telegram_links_pkey PRIMARY KEY (id),
    CONSTRAINT telegram_links_patient_fkey FOREIGN KEY (patient_id, tenant_id)
        REFERENCES patients.patients (id, tenant_id) ON DELETE CASCADE,
    CONSTRAINT telegram_links_language_known CHECK (language IN ('uz', 'ru', 'en')),
    CONSTRAINT telegram_links_unlink_reason_known CHECK (
        (unlinked_at IS NULL AND unlink_reason IS NULL)
            OR (unlinked_at IS NOT NULL AND unlink_reason IN ('STOPPED', 'BLOCKED', 'DEACTIVATED', 'CHAT_NOT_FOUND',
                                                              'BY_STAFF', 'RELINKED')))
);
CREATE UNIQUE INDEX telegram_links_active_unique ON notifications.telegram_links (tenant_id, patient_id, chat_id)
    WHERE unlinked_at IS NULL;
CREATE INDEX telegram_links_chat ON notifications.telegram_links (tenant_id, chat_id) WHERE unlinked_at IS NULL;

-- A push device (FCM registration token) of a staff member or of a patient (exactly one of the two).
CREATE TABLE notifications.devices
(
    id            UUID        NOT NULL,
    tenant_id     UUID        NOT NULL,
    token         TEXT        NOT NULL,
    platform      TEXT        NOT NULL,
    user_id       UUID,
    patient_id    UUID,
    registered_at TIMESTAMPTZ NOT NULL,
    last_seen_at  TIMESTAMPTZ NOT NULL,
    CONSTRAINT devices_pkey PRIMARY KEY (id),
    CONSTRAINT devices_token_unique UNIQUE (tenant_id, token),
    CONSTRAINT devices_patient_fkey FOREIGN KEY (patient_id, tenant_id)
        REFERENCES patients.patients (id, tenant_id) ON DELETE CASCADE,
    CONSTRAINT devices_one_owner CHECK ((user_id IS NULL) <> (patient_id IS NULL)),
    CONSTRAINT devices_platform_known CHECK (platform IN ('ANDROID', 'IOS', 'WEB')),
    CONSTRAINT devices_token_length CHECK (char_length(token) BETWEEN 20 AND 4096)
);
CREATE INDEX devices_user ON notifications.devices (tenant_id, user_id) WHERE user_id IS NOT NULL;
CREATE INDEX devices_patient ON notifications.devices (tenant_id, patient_id) WHERE patient_id IS NOT NULL;

-- Every notification to send: created in the transaction of the event that caused it, sent by workers on any
-- node (claimed with FOR UPDATE SKIP LOCKED). One row per (event, recipient, channel): the unique key makes
-- creation idempotent. recipient: a patient or a staff member (recipient_kind); address: the chat id (TELEGRAM)
-- or the device id (PUSH). payload: ids and facts only (never clinical text). Status:
--   PENDING (due at next_attempt_at) -> SENDING (claimed; claimed_at) -> SENT (provider_message_id)
--   | back to PENDING with a later next_attempt_at (transient error, retry_after)
--   | DEAD (attempts exhausted or a permanent error; an admin may retry it) | CANCELLED (no longer useful).
-- A SENDING row whose claim is older than the lease is re-examined, never blindly re-sent.
CREATE TABLE notifications.notifications
(
    id                  UUID        NOT NULL,
    tenant_id           UUID        NOT NULL,
    event_key           TEXT        NOT NULL,
    recipient_kind      TEXT        NOT NULL,
    recipient_id        UUID        NOT NULL,
    channel             TEXT        NOT NULL,
    address             TEXT        NOT NULL,
    template            TEXT        NOT NULL,
    language            TEXT        NOT NULL,
    payload             JSONB       NOT NULL DEFAULT '{}',
    urgent              BOOLEAN     NOT NULL DEFAULT FALSE,
    status              TEXT        NOT NULL,
    attempts            INTEGER     NOT NULL DEFAULT 0,
    next_attempt_at     TIMESTAMPTZ NOT NULL,
    expires_at          TIMESTAMPTZ,
    claimed_at          TIMESTAMPTZ,
    claimed_by          TEXT,
    last_error          TEXT,
    provider_message_id TEXT,
    created_at          TIMESTAMPTZ NOT NULL,
    sent_at             TIMESTAMPTZ,
    CONSTRAINT notifications_pkey PRIMARY KEY (id),
    CONSTRAINT notifications_once UNIQUE (tenant_id, event_key, recipient_id, channel, address),
    CONSTRAINT notifications_organization_fkey FOREIGN KEY (tenant_id)
        REFERENCES identity.organizations (id) ON DELETE CASCADE,
    CONSTRAINT notifications_recipient_kind_known CHECK (recipient_kind IN ('PATIENT', 'STAFF')),
    CONSTRAINT notifications_channel_known CHECK (channel IN ('TELEGRAM', 'PUSH')),
    CONSTRAINT notifications_status_known CHECK (status IN ('PENDING', 'SENDING', 'SENT', 'DEAD', 'CANCELLED')),
    CONSTRAINT notifications_language_known CHECK (language IN ('uz', 'ru', 'en')),
    CONSTRAINT notifications_attempts_range CHECK (attempts BETWEEN 0 AND 100),
    CONSTRAINT notifications_lengths CHECK (
        char_length(event_key) BETWEEN 1 AND 200
            AND char_length(template) BETWEEN 1 AND 64
            AND char_length(address) BETWEEN 1 AND 100
            AND (last_error IS NULL OR char_length(last_error) <= 500)),
    CONSTRAINT notifications_sent_has_time CHECK (status <> 'SENT' OR sent_at IS NOT NULL),
    CONSTRAINT notifications_sending_is_claimed CHECK (status <> 'SENDING' OR claimed_at IS NOT NULL)
);
-- The workers' queue: due rows only, oldest first (the partial index stays small as rows are sent).
CREATE INDEX notifications_due ON notifications.notifications (next_attempt_at)
    WHERE status IN ('PENDING', 'SENDING');
CREATE INDEX notifications_recipient ON notifications.notifications (tenant_id, recipient_id, created_at DESC);
CREATE INDEX notifications_dead ON notifications.notifications (tenant_id, created_at DESC) WHERE status = 'DEAD';

-- Per organization: quiet hours (local time of the branch; no non-urgent message inside them), reminder offsets
-- (minutes before the appointment) and the Telegram rate limits (spec 1.4).
CREATE TABLE notifications.settings
(
    tenant_id           UUID        NOT NULL,
    quiet_from          TIME        NOT NULL DEFAULT '22:00',
    quiet_until         TIME        NOT NULL DEFAULT '08:00',
    reminder_offsets    INTEGER[]   NOT NULL DEFAULT '{1440,120}',
    per_chat_per_second INTEGER     NOT NULL DEFAULT 1,
    per_bot_per_second  INTEGER     NOT NULL DEFAULT 30,
    updated_at          TIMESTAMPTZ NOT NULL,
    updated_by          UUID,
    CONSTRAINT settings_pkey PRIMARY KEY (tenant_id),
    CONSTRAINT settings_organization_fkey FOREIGN KEY (tenant_id)
        REFERENCES identity.organizations (id) ON DELETE CASCADE,
    CONSTRAINT settings_offsets_range CHECK (
        cardinality(reminder_offsets) BETWEEN 0 AND 5
            AND 0 < ALL (reminder_offsets) AND 10080 >= ALL (reminder_offsets)),
    CONSTRAINT settings_rates_range CHECK (per_chat_per_second BETWEEN 1 AND 30 AND per_bot_per_second BETWEEN 1 AND 1000)
);

-- An organization's own wording of a template in one language (the built-in texts are in the message bundles,
-- keys notifications.template.<template>). Placeholders in braces: {patient}, {time}, {doctor}, ...
CREATE TABLE notifications.templates
(
    tenant_id  UUID        NOT NULL,
    template   TEXT        NOT NULL,
    language   TEXT        NOT NULL,
    body       TEXT        NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by UUID,
    CONSTRAINT templates_pkey PRIMARY KEY (tenant_id, template, language),
    CONSTRAINT templates_organization_fkey FOREIGN KEY (tenant_id)
        REFERENCES identity.organizations (id) ON DELETE CASCADE,
    CONSTRAINT templates_language_known CHECK (language IN ('uz', 'ru', 'en')),
    CONSTRAINT templates_lengths CHECK (char_length(template) BETWEEN 1 AND 64 AND char_length(body) BETWEEN 1 AND 3000)
);

DO
$$
DECLARE
    t TEXT;
BEGIN
    FOREACH t IN ARRAY ARRAY ['telegram_bots', 'telegram_links', 'devices', 'notifications', 'settings', 'templates']
        LOOP
            EXECUTE format('ALTER TABLE notifications.%I ENABLE ROW LEVEL SECURITY', t);
            EXECUTE format('ALTER TABLE notifications.%I FORCE ROW LEVEL SECURITY', t);
            EXECUTE format('CREATE POLICY tenant_isolation ON notifications.%I '
                               'USING (tenant_id = shifo_current_tenant() OR shifo_is_system()) '
                               'WITH CHECK (tenant_id = shifo_current_tenant() OR shifo_is_system())', t);
        END LOOP;
    IF '${app_role}' <> '' AND '${app_role}' <> current_user THEN
        EXECUTE format('GRANT USAGE ON SCHEMA notifications TO %I', '${app_role}');
    END IF;
END
$$;
