CREATE SCHEMA billing;

-- Money is bigint tiyin (1 so'm = 100 tiyin) everywhere in this schema. The ceilings below keep every sum the
-- application computes far inside bigint (a line: 10^12 tiyin per unit x 1000 units; an invoice: 200 lines),
-- so no total can overflow; the application refuses larger input with a 400 before it gets here.

-- The price of a service in one branch. vat_included says whether the price contains VAT (shown on receipts).
CREATE TABLE billing.prices
(
    tenant_id    UUID        NOT NULL,
    service_id   UUID        NOT NULL,
    branch_id    UUID        NOT NULL,
    amount       BIGINT      NOT NULL,
    currency     TEXT        NOT NULL DEFAULT 'UZS',
    vat_included BOOLEAN     NOT NULL DEFAULT FALSE,
    updated_at   TIMESTAMPTZ NOT NULL,
    updated_by   UUID,
    CONSTRAINT prices_pkey PRIMARY KEY (service_id, branch_id),
    CONSTRAINT prices_service_fkey FOREIGN KEY (service_id, tenant_id)
        REFERENCES scheduling.services (id, tenant_id) ON DELETE RESTRICT,
    CONSTRAINT prices_branch_fkey FOREIGN KEY (branch_id, tenant_id)
        REFERENCES identity.branches (id, tenant_id) ON DELETE CASCADE,
    CONSTRAINT prices_amount_range CHECK (amount >= 0 AND amount <= 1000000000000),
    CONSTRAINT prices_currency_known CHECK (currency = 'UZS')
);
CREATE INDEX prices_tenant_branch ON billing.prices (tenant_id, branch_id);

-- Per organization, the last payment reference handed out: the row is locked by the creating transaction, so
-- references are unique (and nearly gap-free; a rolled-back invoice leaves no gap either, the counter rolls back).
CREATE TABLE billing.reference_counters
(
    tenant_id  UUID   NOT NULL,
    last_value BIGINT NOT NULL,
    CONSTRAINT reference_counters_pkey PRIMARY KEY (tenant_id),
    CONSTRAINT reference_counters_organization_fkey FOREIGN KEY (tenant_id)
        REFERENCES identity.organizations (id) ON DELETE CASCADE,
    CONSTRAINT reference_counters_positive CHECK (last_value >= 100000 AND last_value <= 999999999999)
);

-- An invoice: DRAFT (editable) -> ISSUED (payable) -> PARTIALLY_PAID -> PAID; CANCELLED before any payment;
-- REFUNDED when every payment was refunded. total and paid are kept by the application in the same transaction
-- as the lines and payments; the checks below hold them to each other.
CREATE TABLE billing.invoices
(
    id                UUID        NOT NULL,
    tenant_id         UUID        NOT NULL,
    branch_id         UUID        NOT NULL,
    patient_id        UUID        NOT NULL,
    encounter_id      UUID,
    appointment_id    UUID,
    payment_reference TEXT        NOT NULL,
    status            TEXT        NOT NULL,
    currency          TEXT        NOT NULL DEFAULT 'UZS',
    total             BIGINT      NOT NULL DEFAULT 0,
    paid              BIGINT      NOT NULL DEFAULT 0,
    refund_allowed    BOOLEAN     NOT NULL DEFAULT TRUE,
    created_at        TIMESTAMPTZ NOT NULL,
    created_by        UUID,
    issued_at         TIMESTAMPTZ,
    issued_by         UUID,
    paid_at           TIMESTAMPTZ,
    cancelled_at      TIMESTAMPTZ,
    cancelled_by      UUID,
    cancel_reason     TEXT,
    updated_at        TIMESTAMPTZ NOT NULL,
    version           INT         NOT NULL DEFAULT 0,
    deleted_at        TIMESTAMPTZ,
    CONSTRAINT invoices_pkey PRIMARY KEY (id),
    CONSTRAINT invoices_id_tenant_unique UNIQUE (id, tenant_id),
    CONSTRAINT invoices_reference_unique UNIQUE (tenant_id, payment_reference),
    CONSTRAINT invoices_branch_fkey FOREIGN KEY (branch_id, tenant_id)
        REFERENCES identity.branches (id, tenant_id) ON DELETE RESTRICT,
    CONSTRAINT invoices_patient_fkey FOREIGN KEY (patient_id, tenant_id)
        REFERENCES patients.patients (id, tenant_id) ON DELETE RESTRICT,
    CONSTRAINT invoices_appointment_fkey FOREIGN KEY (appointment_id)
        REFERENCES scheduling.appointments (id) ON DELETE RESTRICT,
    CONSTRAINT invoices_encounter_fkey FOREIGN KEY (encounter_id, tenant_id)
        REFERENCES clinical.encounters (id, tenant_id) ON DELETE RESTRICT,
    CONSTRAINT invoices_reference_digits CHECK (payment_reference ~ '^[0-9]{6,12}$'),
    CONSTRAINT invoices_status_known CHECK (
        status IN ('DRAFT', 'ISSUED', 'PARTIALLY_PAID', 'PAID', 'CANCELLED', 'REFUNDED')),
    CONSTRAINT invoices_currency_known CHECK (currency = 'UZS'),
    CONSTRAINT invoices_amounts CHECK (total >= 0 AND total <= 200000000000000000 AND paid >= 0 AND paid <= total),
    CONSTRAINT invoices_draft_unpaid CHECK (status NOT IN ('DRAFT', 'ISSUED', 'CANCELLED') OR paid = 0),
    CONSTRAINT invoices_paid_in_full CHECK (status <> 'PAID' OR (paid = total AND paid_at IS NOT NULL)),
    CONSTRAINT invoices_partly_paid CHECK (status <> 'PARTIALLY_PAID' OR (paid > 0 AND paid < total)),
    CONSTRAINT invoices_issued_time CHECK (status = 'DRAFT' OR status = 'CANCELLED' OR issued_at IS NOT NULL),
    CONSTRAINT invoices_cancelled CHECK ((status = 'CANCELLED') = (cancelled_at IS NOT NULL)),
    CONSTRAINT invoices_cancel_reason_length CHECK (
        cancel_reason IS NULL OR char_length(cancel_reason) BETWEEN 1 AND 500)
);
CREATE INDEX invoices_branch_created ON billing.invoices (tenant_id, branch_id, created_at);
CREATE INDEX invoices_patient ON billing.invoices (tenant_id, patient_id, created_at);
CREATE INDEX invoices_encounter ON billing.invoices (encounter_id) WHERE encounter_id IS NOT NULL;
CREATE INDEX invoices_appointment ON billing.invoices (appointment_id) WHERE appointment_id IS NOT NULL;

-- A line: the service at the branch's price when the line was written (name copied, so an invoice reads the
-- same after a service is renamed), quantity, an optional discount with its reason and who gave it.
CREATE TABLE billing.invoice_lines
(
    id              UUID    NOT NULL,
    tenant_id       UUID    NOT NULL,
    invoice_id      UUID    NOT NULL,
    position        INT     NOT NULL,
    service_id      UUID    NOT NULL,
    service_name    TEXT    NOT NULL,
    quantity        INT     NOT NULL,
    unit_price      BIGINT  NOT NULL,
    vat_included    BOOLEAN NOT NULL,
    discount_kind   TEXT,
    discount_value  BIGINT,
    discount_reason TEXT,
    discount_by     UUID,
    discount_amount BIGINT  NOT NULL DEFAULT 0,
    line_total      BIGINT  NOT NULL,
    CONSTRAINT invoice_lines_pkey PRIMARY KEY (id),
    CONSTRAINT invoice_lines_position_unique UNIQUE (invoice_id, position),
    CONSTRAINT invoice_lines_invoice_fkey FOREIGN KEY (invoice_id, tenant_id)
        REFERENCES billing.invoices (id, tenant_id) ON DELETE CASCADE,
    CONSTRAINT invoice_lines_service_fkey FOREIGN KEY (service_id, tenant_id)
        REFERENCES scheduling.services (id, tenant_id) ON DELETE RESTRICT,
    CONSTRAINT invoice_lines_position_range CHECK (position BETWEEN 1 AND 200),
    CONSTRAINT invoice_lines_name_length CHECK (char_length(service_name) BETWEEN 1 AND 200),
    CONSTRAINT invoice_lines_quantity_range CHECK (quantity BETWEEN 1 AND 1000),
    CONSTRAINT invoice_lines_price_range CHECK (unit_price >= 0 AND unit_price <= 1000000000000),
    CONSTRAINT invoice_lines_discount_together CHECK (
        (discount_kind IS NULL) = (discount_value IS NULL)
            AND (discount_kind IS NULL) = (discount_reason IS NULL)),
    CONSTRAINT invoice_lines_discount_kind CHECK (discount_kind IS NULL OR discount_kind IN ('PERCENT', 'FIXED')),
    CONSTRAINT invoice_lines_discount_value CHECK (
        discount_kind IS NULL
            OR (discount_kind = 'PERCENT' AND discount_value BETWEEN 1 AND 100)
            OR (discount_kind = 'FIXED' AND discount_value > 0)),
    CONSTRAINT invoice_lines_discount_reason_length CHECK (
        discount_reason IS NULL OR char_length(discount_reason) BETWEEN 1 AND 500),
    CONSTRAINT invoice_lines_total CHECK (
        discount_amount >= 0 AND discount_amount <= unit_price * quantity
            AND line_total = unit_price * quantity - discount_amount)
);
CREATE INDEX invoice_lines_invoice ON billing.invoice_lines (tenant_id, invoice_id);

-- A payment provider's view of one payment attempt: PayMe transactions and Click prepare/complete pairs.
-- state, in PayMe's numbers for both: 1 created (PayMe) / prepared (Click), 2 performed / confirmed,
-- -1 cancelled before it was performed, -2 cancelled after it was performed (refund).
-- Times in epoch milliseconds as the protocols carry them; 0 = not set (PayMe wants 0, never null).
-- number is the merchant-side id both protocols want as an integer: PayMe's "transaction" (as a string),
-- Click's merchant_prepare_id / merchant_confirm_id.
CREATE TABLE billing.provider_transactions
(
    id                      UUID        NOT NULL,
    tenant_id               UUID        NOT NULL,
    number                  BIGINT GENERATED ALWAYS AS IDENTITY,
    provider                TEXT        NOT NULL,
    provider_transaction_id TEXT        NOT NULL,
    invoice_id              UUID        NOT NULL,
    amount                  BIGINT      NOT NULL,
    account                 JSONB,
    provider_time           BIGINT,
    create_time             BIGINT      NOT NULL,
    perform_time            BIGINT      NOT NULL DEFAULT 0,
    cancel_time             BIGINT      NOT NULL DEFAULT 0,
    state                   SMALLINT    NOT NULL,
    reason                  INT,
    -- Click: click_paydoc_id, the click_trans_id of the Complete (Click's tester may send another one than the
    -- Prepare's), the raw amount string and sign_time as received, the error code Click sent in Complete
    provider_payment_id     TEXT,
    complete_reference      TEXT,
    details                 JSONB       NOT NULL DEFAULT '{}'::jsonb,
    created_at              TIMESTAMPTZ NOT NULL,
    updated_at              TIMESTAMPTZ NOT NULL,
    CONSTRAINT provider_transactions_pkey PRIMARY KEY (id),
    CONSTRAINT provider_transactions_id_tenant_unique UNIQUE (id, tenant_id),
    CONSTRAINT provider_transactions_number_unique UNIQUE (number),
    CONSTRAINT provider_transactions_provider_id_unique UNIQUE (provider, provider_transaction_id),
    CONSTRAINT provider_transactions_invoice_fkey FOREIGN KEY (invoice_id, tenant_id)
        REFERENCES billing.invoices (id, tenant_id) ON DELETE RESTRICT,
    CONSTRAINT provider_transactions_provider_known CHECK (provider IN ('PAYME', 'CLICK')),
    CONSTRAINT provider_transactions_id_length CHECK (char_length(provider_transaction_id) BETWEEN 1 AND 64),
    CONSTRAINT provider_transactions_amount_positive CHECK (amount > 0 AND amount <= 200000000000000000),
    CONSTRAINT provider_transactions_state_known CHECK (state IN (1, 2, -1, -2)),
    CONSTRAINT provider_transactions_times CHECK (create_time > 0 AND perform_time >= 0 AND cancel_time >= 0),
    CONSTRAINT provider_transactions_performed CHECK (state NOT IN (2, -2) OR perform_time > 0),
    CONSTRAINT provider_transactions_cancelled CHECK ((state IN (-1, -2)) = (cancel_time > 0)),
    CONSTRAINT provider_transactions_text_lengths CHECK (
        (provider_payment_id IS NULL OR char_length(provider_payment_id) <= 64)
            AND (complete_reference IS NULL OR char_length(complete_reference) <= 64))
);
-- A PayMe transaction in state 1 reserves its invoice: at most one per invoice (PayMe's one-time account).
CREATE UNIQUE INDEX provider_transactions_one_pending_payme ON billing.provider_transactions (invoice_id)
    WHERE provider = 'PAYME' AND state = 1;
CREATE INDEX provider_transactions_invoice ON billing.provider_transactions (tenant_id, invoice_id);
CREATE INDEX provider_transactions_time ON billing.provider_transactions (tenant_id, provider, provider_time);
CREATE INDEX provider_transactions_created ON billing.provider_transactions (tenant_id, created_at);

-- Money received against an invoice: at the cash desk (CASH, CARD: the cashier) or through a provider (the
-- provider transaction it came from; one payment per provider transaction at most). A refund marks the row.
CREATE TABLE billing.payments
(
    id                      UUID        NOT NULL,
    tenant_id               UUID        NOT NULL,
    invoice_id              UUID        NOT NULL,
    method                  TEXT        NOT NULL,
    amount                  BIGINT      NOT NULL,
    received_at             TIMESTAMPTZ NOT NULL,
    cashier_id              UUID,
    branch_id               UUID        NOT NULL,
    provider_transaction_id UUID,
    refunded_at             TIMESTAMPTZ,
    refunded_by             UUID,
    refund_reason           TEXT,
    CONSTRAINT payments_pkey PRIMARY KEY (id),
    CONSTRAINT payments_id_tenant_unique UNIQUE (id, tenant_id),
    CONSTRAINT payments_provider_transaction_unique UNIQUE (provider_transaction_id),
    CONSTRAINT payments_invoice_fkey FOREIGN KEY (invoice_id, tenant_id)
        REFERENCES billing.invoices (id, tenant_id) ON DELETE RESTRICT,
    CONSTRAINT payments_cashier_fkey FOREIGN KEY (cashier_id, tenant_id)
        REFERENCES identity.users (id, tenant_id) ON DELETE RESTRICT,
    CONSTRAINT payments_branch_fkey FOREIGN KEY (branch_id, tenant_id)
        REFERENCES identity.branches (id, tenant_id) ON DELETE RESTRICT,
    CONSTRAINT payments_provider_transaction_fkey FOREIGN KEY (provider_transaction_id, tenant_id)
        REFERENCES billing.provider_transactions (id, tenant_id) ON DELETE RESTRICT,
    CONSTRAINT payments_method_known CHECK (method IN ('CASH', 'CARD', 'PAYME', 'CLICK')),
    CONSTRAINT payments_amount_positive CHECK (amount > 0 AND amount <= 200000000000000000),
    CONSTRAINT payments_desk_has_cashier CHECK (method NOT IN ('CASH', 'CARD') OR cashier_id IS NOT NULL),
    CONSTRAINT payments_provider_has_transaction CHECK (
        (method IN ('PAYME', 'CLICK')) = (provider_transaction_id IS NOT NULL)),
    CONSTRAINT payments_refund_together CHECK ((refunded_at IS NULL) = (refund_reason IS NULL)),
    CONSTRAINT payments_refund_reason_length CHECK (
        refund_reason IS NULL OR char_length(refund_reason) BETWEEN 1 AND 500)
);
CREATE INDEX payments_invoice ON billing.payments (tenant_id, invoice_id);
CREATE INDEX payments_branch_received ON billing.payments (tenant_id, branch_id, received_at);

-- A provider's settings for one organization. Secrets (PayMe's key, Click's secret key) are stored encrypted
-- (AES-GCM, key derived from SHIFO_SECRET_KEY); lookup_key is what finds the organization of an incoming call
-- before anything else is read: for PayMe an HMAC-SHA-256 of the key (keys are unique across organizations),
-- for Click the service_id.
CREATE TABLE billing.provider_settings
(
    tenant_id         UUID        NOT NULL,
    provider          TEXT        NOT NULL,
    merchant_id       TEXT        NOT NULL,
    login             TEXT,
    account_field     TEXT,
    service_id        TEXT,
    merchant_user_id  TEXT,
    secret_encrypted  TEXT        NOT NULL,
    lookup_key        TEXT        NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL,
    updated_by        UUID,
    CONSTRAINT provider_settings_pkey PRIMARY KEY (tenant_id, provider),
    CONSTRAINT provider_settings_lookup_unique UNIQUE (provider, lookup_key),
    CONSTRAINT provider_settings_organization_fkey FOREIGN KEY (tenant_id)
        REFERENCES identity.organizations (id) ON DELETE CASCADE,
    CONSTRAINT provider_settings_provider_known CHECK (provider IN ('PAYME', 'CLICK')),
    CONSTRAINT provider_settings_lengths CHECK (
        char_length(merchant_id) BETWEEN 1 AND 100
            AND (login IS NULL OR char_length(login) BETWEEN 1 AND 100)
            AND (account_field IS NULL OR account_field ~ '^[a-z_][a-z0-9_]{0,49}$')
            AND (service_id IS NULL OR char_length(service_id) BETWEEN 1 AND 50)
            AND (merchant_user_id IS NULL OR char_length(merchant_user_id) BETWEEN 1 AND 50)
            AND char_length(lookup_key) BETWEEN 1 AND 100),
    CONSTRAINT provider_settings_payme CHECK (
        provider <> 'PAYME' OR (login IS NOT NULL AND account_field IS NOT NULL)),
    CONSTRAINT provider_settings_click CHECK (
        provider <> 'CLICK' OR (service_id IS NOT NULL AND merchant_user_id IS NOT NULL AND lookup_key = service_id))
);

ALTER TABLE billing.prices ENABLE ROW LEVEL SECURITY;
ALTER TABLE billing.prices FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON billing.prices
    USING (tenant_id = shifo_current_tenant() OR shifo_is_system())
    WITH CHECK (tenant_id = shifo_current_tenant() OR shifo_is_system());

ALTER TABLE billing.reference_counters ENABLE ROW LEVEL SECURITY;
ALTER TABLE billing.reference_counters FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON billing.reference_counters
    USING (tenant_id = shifo_current_tenant() OR shifo_is_system())
    WITH CHECK (tenant_id = shifo_current_tenant() OR shifo_is_system());

ALTER TABLE billing.invoices ENABLE ROW LEVEL SECURITY;
ALTER TABLE billing.invoices FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON billing.invoices
    USING (tenant_id = shifo_current_tenant() OR shifo_is_system())
    WITH CHECK (tenant_id = shifo_current_tenant() OR shifo_is_system());

ALTER TABLE billing.invoice_lines ENABLE ROW LEVEL SECURITY;
ALTER TABLE billing.invoice_lines FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON billing.invoice_lines
    USING (tenant_id = shifo_current_tenant() OR shifo_is_system())
    WITH CHECK (tenant_id = shifo_current_tenant() OR shifo_is_system());

ALTER TABLE billing.provider_transactions ENABLE ROW LEVEL SECURITY;
ALTER TABLE billing.provider_transactions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON billing.provider_transactions
    USING (tenant_id = shifo_current_tenant() OR shifo_is_system())
    WITH CHECK (tenant_id = shifo_current_tenant() OR shifo_is_system());

ALTER TABLE billing.payments ENABLE ROW LEVEL SECURITY;
ALTER TABLE billing.payments FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON billing.payments
    USING (tenant_id = shifo_current_tenant() OR shifo_is_system())
    WITH CHECK (tenant_id = shifo_current_tenant() OR shifo_is_system());

ALTER TABLE billing.provider_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE billing.provider_settings FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON billing.provider_settings
    USING (tenant_id = shifo_current_tenant() OR shifo_is_system())
    WITH CHECK (tenant_id = shifo_current_tenant() OR shifo_is_system());

-- The one narrow door for provider callbacks, which arrive without a tenant: the organization whose provider
-- settings carry this lookup key (PayMe: HMAC of the key; Click: service_id), and nothing else. The function
-- sees past row-level security for this one query only (the system setting is restored before it returns), so
-- request handling never enters system scope; the caller then works in that tenant's scope and re-checks the
-- credential against the organization's own (decrypted) secret in constant time.
CREATE FUNCTION billing.provider_tenant(p_provider TEXT, p_lookup_key TEXT) RETURNS UUID
    LANGUAGE plpgsql
    VOLATILE
    SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS
$$
DECLARE
    previous TEXT := coalesce(current_setting('shifo.system', true), '');
    found    UUID;
BEGIN
    PERFORM set_config('shifo.system', 'on', true);
    SELECT s.tenant_id
    INTO found
    FROM billing.provider_settings s
    WHERE s.provider = p_provider
      AND s.lookup_key = p_lookup_key;
    PERFORM set_config('shifo.system', previous, true);
    RETURN found;
EXCEPTION
    WHEN OTHERS THEN
        PERFORM set_config('shifo.system', previous, true);
        RAISE;
END
$$;
REVOKE ALL ON FUNCTION billing.provider_tenant(TEXT, TEXT) FROM PUBLIC;
DO
$$
BEGIN
    IF '${app_role}' <> '' AND '${app_role}' <> current_user THEN
        EXECUTE format('GRANT USAGE ON SCHEMA billing TO %I', '${app_role}');
        EXECUTE format('GRANT EXECUTE ON FUNCTION billing.provider_tenant(TEXT, TEXT) TO %I', '${app_role}');
    END IF;
END
$$;
