-- Row-level security, the second lock between tenants. Every business table gets a policy
--   USING (tenant_id = shifo_current_tenant() OR shifo_is_system())
-- and FORCE ROW LEVEL SECURITY (so the owning role is bound too; the application never connects as a
-- superuser). The application sets both settings per transaction (SET LOCAL semantics through
-- set_config(..., true)); with neither set, a query sees no rows at all: forgetting the tenant fails closed.

CREATE FUNCTION shifo_current_tenant() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT nullif(current_setting('shifo.tenant_id', true), '')::uuid $$;

-- System work that spans tenants by design (sign-in before the tenant is known, the audit sealer,
-- scheduled jobs) says so explicitly; request handling never sets it.
CREATE FUNCTION shifo_is_system() RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT coalesce(current_setting('shifo.system', true), '') = 'on' $$;
