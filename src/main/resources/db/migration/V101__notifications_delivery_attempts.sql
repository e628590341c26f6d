-- The delivery engine (docs/notifications.md, "Crash safety"). send_started_at: set and committed just before the
-- provider is called. A SENDING row whose lease expired without it was never handed to the provider and goes back
-- to PENDING; one with it may have been delivered (Telegram cannot be asked) and goes DEAD as UNCERTAIN for an
-- administrator, never re-sent by itself.
ALTER TABLE notifications.notifications ADD COLUMN send_started_at TIMESTAMPTZ;

-- A cancelled or moved appointment cancels its pending reminders.
CREATE INDEX notifications_pending_appointment ON notifications.notifications (tenant_id, (payload ->> 'appointmentId'))
    WHERE status = 'PENDING';
-- Statistics per organization and day.
CREATE INDEX notifications_created ON notifications.notifications (tenant_id, created_at);

-- V100's secret check used the repetition {16,256}, above PostgreSQL's limit of 255: every insert failed with
-- "invalid regular expression". The same rule (spec 1.7: 1-256 of A-Z a-z 0-9 _ -, here at least 16) in two parts.
ALTER TABLE notifications.telegram_bots DROP CONSTRAINT telegram_bots_secret_format;
ALTER TABLE notifications.telegram_bots ADD CONSTRAINT telegram_bots_secret_format
    CHECK (webhook_secret ~ '^[A-Za-z0-9_-]+$' AND char_length(webhook_secret) BETWEEN 16 AND 256);
