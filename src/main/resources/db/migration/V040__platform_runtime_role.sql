-- The application runs as a role that may read and write rows but owns nothing (${app_role}, created
-- by the embedded server or by the operator of an external one; see docs/operations.md). An owner may
-- disable triggers and row-level security, alter or drop tables; the runtime role can do none of it, so
-- an attacker holding the application's connection still cannot quietly edit the audit trail.
-- Migrations run as the owner. When one role does both (an external database configured with only
-- SHIFO_DATABASE_USERNAME), nothing here applies.
DO
$$
DECLARE
    app     TEXT := '${app_role}';
    schemas TEXT;
BEGIN
    IF app = '' OR app = current_user THEN
        RAISE NOTICE 'one role owns the schema and runs the application: no runtime grants';
        RETURN;
    END IF;
    SELECT string_agg(quote_ident(nspname), ', ')
    INTO schemas
    FROM pg_namespace
    WHERE nspowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)
       OR nspname = 'public';

    EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO %I', current_database(), app);
    EXECUTE format('GRANT USAGE ON SCHEMA %s TO %I', schemas, app);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %s TO %I', schemas, app);
    EXECUTE format('GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA %s TO %I', schemas, app);
    -- what later migrations create is granted the same way without each saying so
    EXECUTE format('ALTER DEFAULT PRIVILEGES GRANT USAGE ON SCHEMAS TO %I', app);
    EXECUTE format('ALTER DEFAULT PRIVILEGES GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %I', app);
    EXECUTE format('ALTER DEFAULT PRIVILEGES GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO %I', app);

    -- the audit trail: append, seal (those four columns only, and the trigger checks the rest), read
    EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON audit.entries, audit.checkpoints FROM %I', app);
    EXECUTE format('GRANT UPDATE (chain_index, previous_mac, mac, sealed_at) ON audit.entries TO %I', app);
    -- the migration history is the owner's business
    EXECUTE format('REVOKE ALL ON public.flyway_schema_history FROM %I', app);
END
$$;
