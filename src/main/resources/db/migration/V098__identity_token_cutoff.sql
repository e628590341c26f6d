-- Access tokens (JWT, 15 minutes) of a user issued before this moment are refused: set when the account is
-- disabled, its roles change or its second factor is reset (docs/security.md). Every node reads the recent
-- cutoffs every few seconds; older than a token's lifetime they no longer matter.
ALTER TABLE identity.users
    ADD COLUMN tokens_not_before TIMESTAMPTZ;

CREATE INDEX users_tokens_not_before ON identity.users (tokens_not_before) WHERE tokens_not_before IS NOT NULL;
