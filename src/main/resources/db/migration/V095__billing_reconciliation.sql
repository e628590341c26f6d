-- Reconciliation of the payment providers' transactions with invoices and payments (docs/billing.md). A run
-- compares one day's provider transactions (by the provider's time, as PayMe's GetStatement selects them) with
-- the invoices and payments they belong to and stores what disagrees; nothing is ever corrected by it.
CREATE TABLE billing.reconciliation_runs
(
    id                   UUID        NOT NULL,
    tenant_id            UUID        NOT NULL,
    day                  DATE        NOT NULL,
    period_from          BIGINT      NOT NULL,
    period_to            BIGINT      NOT NULL,
    ran_at               TIMESTAMPTZ NOT NULL,
    trigger              TEXT        NOT NULL,
    requested_by         UUID,
    transactions_checked INT         NOT NULL,
    discrepancies        INT         NOT NULL,
    CONSTRAINT reconciliation_runs_pkey PRIMARY KEY (id),
    CONSTRAINT reconciliation_runs_id_tenant_unique UNIQUE (id, tenant_id),
    CONSTRAINT reconciliation_runs_organization_fkey FOREIGN KEY (tenant_id)
        REFERENCES identity.organizations (id) ON DELETE CASCADE,
    CONSTRAINT reconciliation_runs_trigger_known CHECK (trigger IN ('SCHEDULE', 'MANUAL')),
    CONSTRAINT reconciliation_runs_counts CHECK (transactions_checked >= 0 AND discrepancies >= 0),
    CONSTRAINT reconciliation_runs_period CHECK (period_from <= period_to)
);
CREATE INDEX reconciliation_runs_day ON billing.reconciliation_runs (tenant_id, day, ran_at);

-- One discrepancy: the kind, the transaction in PayMe's GetStatement terms (id, time, amount, create/perform/
-- cancel times, our number as "transaction", state, reason), and what Shifo's books say of its invoice and payment.
CREATE TABLE billing.reconciliation_items
(
    id                      UUID   NOT NULL,
    tenant_id               UUID   NOT NULL,
    run_id                  UUID   NOT NULL,
    position                INT    NOT NULL,
    kind                    TEXT   NOT NULL,
    detail                  TEXT   NOT NULL,
    provider                TEXT   NOT NULL,
    provider_transaction_id TEXT   NOT NULL,
    transaction_number      BIGINT NOT NULL,
    time                    BIGINT NOT NULL,
    amount                  BIGINT NOT NULL,
    create_time             BIGINT NOT NULL,
    perform_time            BIGINT NOT NULL,
    cancel_time             BIGINT NOT NULL,
    state                   SMALLINT NOT NULL,
    reason                  INT,
    invoice_id              UUID   NOT NULL,
    payment_reference       TEXT   NOT NULL,
    invoice_status          TEXT   NOT NULL,
    invoice_total           BIGINT NOT NULL,
    invoice_paid            BIGINT NOT NULL,
    payment_id              UUID,
    payment_amount          BIGINT,
    payment_refunded        BOOLEAN NOT NULL DEFAULT FALSE,
    CONSTRAINT reconciliation_items_pkey PRIMARY KEY (id),
    CONSTRAINT reconciliation_items_position_unique UNIQUE (run_id, position),
    CONSTRAINT reconciliation_items_run_fkey FOREIGN KEY (run_id, tenant_id)
        REFERENCES billing.reconciliation_runs (id, tenant_id) ON DELETE CASCADE,
    CONSTRAINT reconciliation_items_kind_known CHECK (
        kind IN ('PAID_NOT_PERFORMED', 'PERFORMED_INVOICE_UNPAID', 'AMOUNT_MISMATCH', 'STALE_CREATED')),
    CONSTRAINT reconciliation_items_provider_known CHECK (provider IN ('PAYME', 'CLICK'))
);
CREATE INDEX reconciliation_items_run ON billing.reconciliation_items (tenant_id, run_id, position);

ALTER TABLE billing.reconciliation_runs ENABLE ROW LEVEL SECURITY;
ALTER TABLE billing.reconciliation_runs FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON billing.reconciliation_runs
    USING (tenant_id = shifo_current_tenant() OR shifo_is_system())
    WITH CHECK (tenant_id = shifo_current_tenant() OR shifo_is_system());

ALTER TABLE billing.reconciliation_items ENABLE ROW LEVEL SECURITY;
ALTER TABLE billing.reconciliation_items FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON billing.reconciliation_items
    USING (tenant_id = shifo_current_tenant() OR shifo_is_system())
    WITH CHECK (tenant_id = shifo_current_tenant() OR shifo_is_system());
