-- Where each refresh token was issued (client address, a short summary of the user agent), so that a staff member
-- can recognise their API sessions in the list of active sessions. Never the token, never the full header.
ALTER TABLE identity.refresh_tokens
    ADD COLUMN client_ip  INET,
    ADD COLUMN user_agent VARCHAR(80);

-- The list of a user's active sessions reads their families.
CREATE INDEX refresh_tokens_by_user ON identity.refresh_tokens (tenant_id, user_id);
