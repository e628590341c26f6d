-- Extensions the design relies on: exclusion constraints over ranges (btree_gist), fuzzy name search
-- (pg_trgm) and gen_random_uuid()/digest() for SQL-side ids and checksums (pgcrypto).
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS pgcrypto;

-- Spring Modulith's JDBC event publication registry (the transactional outbox), version 2 layout for
-- PostgreSQL as shipped in spring-modulith-events-jdbc 2.1; owned by Flyway, not by Modulith's
-- schema initialisation.
CREATE TABLE event_publication
(
    id                     UUID                     NOT NULL,
    listener_id            TEXT                     NOT NULL,
    event_type             TEXT                     NOT NULL,
    serialized_event       TEXT                     NOT NULL,
    publication_date       TIMESTAMP WITH TIME ZONE NOT NULL,
    completion_date        TIMESTAMP WITH TIME ZONE,
    status                 TEXT,
    completion_attempts    INT,
    last_resubmission_date TIMESTAMP WITH TIME ZONE,
    CONSTRAINT event_publication_pkey PRIMARY KEY (id)
);
CREATE INDEX event_publication_serialized_event_hash_idx ON event_publication USING hash (serialized_event);
CREATE INDEX event_publication_by_completion_date_idx ON event_publication (completion_date);
