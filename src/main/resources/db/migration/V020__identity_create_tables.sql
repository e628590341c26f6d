CREATE SCHEMA identity;

-- An organization is a tenant: one clinic business. Its id is the tenant_id of every business row.
CREATE TABLE identity.organizations
(
    id                 UUID        NOT NULL,
    tenant_id          UUID        NOT NULL,
    name               TEXT        NOT NULL,
    mfa_required_roles TEXT[]      NOT NULL DEFAULT ARRAY ['ADMIN', 'DOCTOR'],
    created_at         TIMESTAMPTZ NOT NULL,
    CONSTRAINT organizations_pkey PRIMARY KEY (id),
    CONSTRAINT organizations_tenant_is_self CHECK (tenant_id = id),
    CONSTRAINT organizations_name_length CHECK (char_length(name) BETWEEN 1 AND 200),
    CONSTRAINT organizations_mfa_roles_known CHECK (
        mfa_required_roles <@ ARRAY ['ADMIN', 'DOCTOR', 'NURSE', 'RECEPTIONIST', 'CASHIER', 'LAB'])
);

CREATE TABLE identity.branches
(
    id            UUID        NOT NULL,
    tenant_id     UUID        NOT NULL,
    name          TEXT        NOT NULL,
    address       TEXT        NOT NULL DEFAULT '',
    time_zone     TEXT        NOT NULL DEFAULT 'Asia/Tashkent',
    working_hours JSONB       NOT NULL DEFAULT '[]',
    created_at    TIMESTAMPTZ NOT NULL,
    CONSTRAINT branches_pkey PRIMARY KEY (id),
    CONSTRAINT branches_organization_fkey FOREIGN KEY (tenant_id)
        REFERENCES identity.organizations (id) ON DELETE RESTRICT,
    CONSTRAINT branches_name_unique UNIQUE (tenant_id, name),
    CONSTRAINT branches_id_tenant_unique UNIQUE (id, tenant_id),
    CONSTRAINT branches_name_length CHECK (char_length(name) BETWEEN 1 AND 200),
    CONSTRAINT branches_address_length CHECK (char_length(address) <= 500),
    CONSTRAINT branches_time_zone_length CHECK (char_length(time_zone) BETWEEN 1 AND 64)
);

CREATE TABLE identity.users
(
    id                  UUID        NOT NULL,
    tenant_id           UUID        NOT NULL,
    username            TEXT        NOT NULL,
    full_name           TEXT        NOT NULL,
    email               TEXT,
    phone               TEXT,
    language            TEXT        NOT NULL DEFAULT 'uz',
    password_hash       TEXT        NOT NULL,
    status              TEXT        NOT NULL DEFAULT 'ACTIVE',
    operator            BOOLEAN     NOT NULL DEFAULT FALSE,
    mfa_secret          TEXT,
    mfa_enrolled_at     TIMESTAMPTZ,
    mfa_last_used_step  BIGINT,
    failed_logins       INT         NOT NULL DEFAULT 0,
    first_failed_at     TIMESTAMPTZ,
    last_failed_at      TIMESTAMPTZ,
    locked_until        TIMESTAMPTZ,
    password_changed_at TIMESTAMPTZ NOT NULL,
    created_at          TIMESTAMPTZ NOT NULL,
    version             INT         NOT NULL DEFAULT 0,
    CONSTRAINT users_pkey PRIMARY KEY (id),
    CONSTRAINT users_organization_fkey FOREIGN KEY (tenant_id)
        REFERENCES identity.organizations (id) ON DELETE RESTRICT,
    CONSTRAINT users_id_tenant_unique UNIQUE (id, tenant_id),
    CONSTRAINT users_username_format CHECK (username ~ '^[a-z0-9][a-z0-9._-]{2,63}$'),
    CONSTRAINT users_full_name_length CHECK (char_length(full_name) BETWEEN 1 AND 200),
    CONSTRAINT users_email_length CHECK (email IS NULL OR char_length(email) <= 254),
    CONSTRAINT users_phone_format CHECK (phone IS NULL OR phone ~ '^\+[1-9][0-9]{6,14}$'),
    CONSTRAINT users_language_known CHECK (language IN ('uz', 'ru', 'en')),
    CONSTRAINT users_status_known CHECK (status IN ('ACTIVE', 'DISABLED')),
    CONSTRAINT users_failed_logins_range CHECK (failed_logins >= 0)
);
-- Usernames are unique across the installation (sign-in does not ask for the organization).
CREATE UNIQUE INDEX users_username_unique ON identity.users (username);

CREATE TABLE identity.user_roles
(
    tenant_id UUID NOT NULL,
    user_id   UUID NOT NULL,
    branch_id UUID NOT NULL,
    role      TEXT NOT NULL,
    CONSTRAINT user_roles_pkey PRIMARY KEY (user_id, branch_id, role),
    CONSTRAINT user_roles_user_fkey FOREIGN KEY (user_id, tenant_id)
        REFERENCES identity.users (id, tenant_id) ON DELETE CASCADE,
    CONSTRAINT user_roles_branch_fkey FOREIGN KEY (branch_id, tenant_id)
        REFERENCES identity.branches (id, tenant_id) ON DELETE CASCADE,
    CONSTRAINT user_roles_role_known CHECK (role IN ('ADMIN', 'DOCTOR', 'NURSE', 'RECEPTIONIST', 'CASHIER', 'LAB'))
);
CREATE INDEX user_roles_by_branch ON identity.user_roles (tenant_id, branch_id, role);

-- Refresh tokens rotate: each use issues a successor in the same family. A token used twice means it was
-- stolen, and the whole family is revoked.
CREATE TABLE identity.refresh_tokens
(
    id          UUID        NOT NULL,
    tenant_id   UUID        NOT NULL,
    user_id     UUID        NOT NULL,
    family_id   UUID        NOT NULL,
    token_hash  BYTEA       NOT NULL,
    issued_at   TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    used_at     TIMESTAMPTZ,
    revoked_at  TIMESTAMPTZ,
    CONSTRAINT refresh_tokens_pkey PRIMARY KEY (id),
    CONSTRAINT refresh_tokens_hash_unique UNIQUE (token_hash),
    CONSTRAINT refresh_tokens_user_fkey FOREIGN KEY (user_id, tenant_id)
        REFERENCES identity.users (id, tenant_id) ON DELETE CASCADE,
    CONSTRAINT refresh_tokens_expiry_after_issue CHECK (expires_at > issued_at)
);
CREATE INDEX refresh_tokens_by_family ON identity.refresh_tokens (family_id);

-- Single-use recovery codes for a lost second factor, stored as keyed hashes (HMAC-SHA-256).
CREATE TABLE identity.recovery_codes
(
    tenant_id UUID        NOT NULL,
    user_id   UUID        NOT NULL,
    code_hash BYTEA       NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    used_at   TIMESTAMPTZ,
    CONSTRAINT recovery_codes_pkey PRIMARY KEY (user_id, code_hash),
    CONSTRAINT recovery_codes_user_fkey FOREIGN KEY (user_id, tenant_id)
        REFERENCES identity.users (id, tenant_id) ON DELETE CASCADE
);

-- The one-time first-run setup token (only its hash), valid until used.
CREATE TABLE identity.setup_tokens
(
    token_hash BYTEA       NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ,
    CONSTRAINT setup_tokens_pkey PRIMARY KEY (token_hash)
);

-- Failed sign-ins per client address, for back-off that does not depend on the username being real.
CREATE TABLE identity.address_failures
(
    address         TEXT        NOT NULL,
    failures        INT         NOT NULL,
    first_failed_at TIMESTAMPTZ NOT NULL,
    last_failed_at  TIMESTAMPTZ NOT NULL,
    CONSTRAINT address_failures_pkey PRIMARY KEY (address),
    CONSTRAINT address_failures_range CHECK (failures > 0)
);

-- Tenant isolation, second lock (see V002).
ALTER TABLE identity.organizations ENABLE ROW LEVEL SECURITY;
ALTER TABLE identity.organizations FORCE ROW LEVEL SECURITY;
CREATE POLICY organizations_tenant_isolation ON identity.organizations
    USING (tenant_id = shifo_current_tenant() OR shifo_is_system())
    WITH CHECK (tenant_id = shifo_current_tenant() OR shifo_is_system());

ALTER TABLE identity.branches ENABLE ROW LEVEL SECURITY;
ALTER TABLE identity.branches FORCE ROW LEVEL SECURITY;
CREATE POLICY branches_tenant_isolation ON identity.branches
    USING (tenant_id = shifo_current_tenant() OR shifo_is_system())
    WITH CHECK (tenant_id = shifo_current_tenant() OR shifo_is_system());

ALTER TABLE identity.users ENABLE ROW LEVEL SECURITY;
ALTER TABLE identity.users FORCE ROW LEVEL SECURITY;
CREATE POLICY users_tenant_isolation ON identity.users
    USING (tenant_id = shifo_current_tenant() OR shifo_is_system())
    WITH CHECK (tenant_id = shifo_current_tenant() OR shifo_is_system());

ALTER TABLE identity.user_roles ENABLE ROW LEVEL SECURITY;
ALTER TABLE identity.user_roles FORCE ROW LEVEL SECURITY;
CREATE POLICY user_roles_tenant_isolation ON identity.user_roles
    USING (tenant_id = shifo_current_tenant() OR shifo_is_system())
    WITH CHECK (tenant_id = shifo_current_tenant() OR shifo_is_system());

ALTER TABLE identity.recovery_codes ENABLE ROW LEVEL SECURITY;
ALTER TABLE identity.recovery_codes FORCE ROW LEVEL SECURITY;
CREATE POLICY recovery_codes_tenant_isolation ON identity.recovery_codes
    USING (tenant_id = shifo_current_tenant() OR shifo_is_system())
    WITH CHECK (tenant_id = shifo_current_tenant() OR shifo_is_system());

ALTER TABLE identity.refresh_tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE identity.refresh_tokens FORCE ROW LEVEL SECURITY;
CREATE POLICY refresh_tokens_tenant_isolation ON identity.refresh_tokens
    USING (tenant_id = shifo_current_tenant() OR shifo_is_system())
    WITH CHECK (tenant_id = shifo_current_tenant() OR shifo_is_system());
