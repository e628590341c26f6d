-- Wrong codes given within one second sign-in step (an MFA token of the API, a pending sign-in of the pages): after a
-- few, the step is used up and the user signs in again from the password. Not tenant data: the step's id is all
-- that is known, and rows live only as long as the step (5 minutes).
CREATE TABLE identity.second_step_failures
(
    step_id    VARCHAR(64) NOT NULL,
    failures   INT         NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    CONSTRAINT second_step_failures_pkey PRIMARY KEY (step_id),
    CONSTRAINT second_step_failures_range CHECK (failures > 0)
);
CREATE INDEX second_step_failures_by_expiry ON identity.second_step_failures (expires_at);
