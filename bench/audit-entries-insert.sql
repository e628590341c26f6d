-- One batch of :n read entries as ReadEntryBatcher writes it (see bench/README.md, session 8). Run against a
-- running Shifo's database as the application role, in the writer's session settings:
--   PGOPTIONS="-c shifo.system=on -c synchronous_commit=off" pgbench -h localhost -p PORT -U shifo_app -n -c 4 -T 14 \
--     -M prepared -D n=8 -f bench/audit-entries-insert.sql shifo
-- and sample the postgres processes' CPU (/proc/PID/stat) meanwhile; n=1 and n=64 separate the statement's cost
-- from a row's.
INSERT INTO audit.entries (tenant_id, occurred_at, actor_type, actor_id, actor_name, action, target_type, target_id, outcome, client_ip, request_id, details)
SELECT CAST(tenant_id AS uuid), CAST(occurred_at AS timestamptz), actor_type, CAST(actor_id AS uuid), actor_name, action, target_type, target_id, outcome, CAST(client_ip AS inet), request_id, CAST(details AS jsonb)
FROM unnest(
 array_fill('7f1d0c4e-8a3b-4b8e-9d2a-1c2b3c4d5e6f'::text, ARRAY[CAST(:n AS int)]),
 array_fill(now()::text, ARRAY[CAST(:n AS int)]),
 array_fill('USER'::text, ARRAY[CAST(:n AS int)]),
 array_fill(gen_random_uuid()::text, ARRAY[CAST(:n AS int)]),
 array_fill('Dilnoza Karimova'::text, ARRAY[CAST(:n AS int)]),
 array_fill('patient.read'::text, ARRAY[CAST(:n AS int)]),
 array_fill('patient'::text, ARRAY[CAST(:n AS int)]),
 array_fill(gen_random_uuid()::text, ARRAY[CAST(:n AS int)]),
 array_fill('SUCCESS'::text, ARRAY[CAST(:n AS int)]),
 array_fill('127.0.0.1'::text, ARRAY[CAST(:n AS int)]),
 array_fill('req-abcdef123456'::text, ARRAY[CAST(:n AS int)]),
 array_fill('{}'::text, ARRAY[CAST(:n AS int)])) AS n(tenant_id, occurred_at, actor_type, actor_id, actor_name, action, target_type, target_id, outcome, client_ip, request_id, details);
