-- Bucket4j's token buckets for rate limits shared by all nodes (PostgreSQL backend, SELECT ... FOR UPDATE).
-- Keys are "<category>:<client>", never tenant data; expires_at (epoch millis) lets old buckets be removed.
CREATE TABLE rate_limit_buckets
(
    id         TEXT   NOT NULL,
    state      BYTEA,
    expires_at BIGINT,
    CONSTRAINT rate_limit_buckets_pkey PRIMARY KEY (id)
);
CREATE INDEX rate_limit_buckets_by_expiry ON rate_limit_buckets (expires_at);
