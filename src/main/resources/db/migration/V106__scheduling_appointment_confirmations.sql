-- A patient's confirmation that they will come (the Confirm button of a Telegram reminder): when, and through which
-- channel. Only a booked appointment is confirmed; cancelling or rescheduling leaves the time as history.
ALTER TABLE scheduling.appointments
    ADD COLUMN confirmed_at  TIMESTAMPTZ,
    ADD COLUMN confirmed_via TEXT,
    ADD CONSTRAINT appointments_confirmation CHECK (
        (confirmed_at IS NULL) = (confirmed_via IS NULL)
            AND (confirmed_via IS NULL OR confirmed_via IN ('TELEGRAM', 'PUSH', 'STAFF')));
