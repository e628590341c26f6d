-- Searching titles by words under row-level security. The runtime role is bound by the tenant policy, and PostgreSQL
-- lets such a role's query use an index only for conditions whose functions are leakproof: the full-text match (@@)
-- and LIKE are not, so the GIN index over titles.words and LIKE 'A00%' on the codes were never used by the
-- application and every search read the whole set (over 100 ms at 20,000 codes). Comparisons (>=, <) are leakproof:
-- codes are now found by a range (A00 <= code < A01) and words by a range over this table, one row per word of a
-- title, in byte order (COLLATE "C") so that a prefix is a range in any language.
-- rank orders the matches as the search shows them without reading the codes: 0 an active codable code, 1 an
-- active chapter, block or category with subdivisions, 2 and 3 the same retired; the import keeps it in step with
-- terminology.concepts. No foreign keys and no second index: an import writes six or seven rows per title (650,000
-- for ICD-10-CM), and a per-row check or a second index to fill cost more than the rest of the import; nothing
-- deletes codes or titles, and the import replaces a title's words when it replaces the title.
CREATE TABLE terminology.title_words
(
    tenant_id UUID     NOT NULL,
    system    TEXT     NOT NULL,
    word      TEXT COLLATE "C" NOT NULL,
    code      TEXT     NOT NULL,
    language  TEXT     NOT NULL,
    rank      SMALLINT NOT NULL,
    CONSTRAINT title_words_pkey PRIMARY KEY (tenant_id, system, word, code, language) INCLUDE (rank),
    CONSTRAINT title_words_word_length CHECK (char_length(word) BETWEEN 1 AND 200),
    CONSTRAINT title_words_rank_range CHECK (rank BETWEEN 0 AND 3)
);

ALTER TABLE terminology.title_words ENABLE ROW LEVEL SECURITY;
ALTER TABLE terminology.title_words FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON terminology.title_words
    USING (tenant_id = shifo_current_tenant() OR shifo_is_system())
    WITH CHECK (tenant_id = shifo_current_tenant() OR shifo_is_system());

-- the sets imported before this table: their words as the full-text vectors held them
SELECT set_config('shifo.system', 'on', true);
INSERT INTO terminology.title_words (tenant_id, system, word, code, language, rank)
SELECT DISTINCT t.tenant_id, t.system, w.word, t.code, t.language,
    CASE WHEN c.retired_at IS NULL THEN 0 ELSE 2 END + CASE WHEN c.leaf THEN 0 ELSE 1 END
FROM terminology.titles t
JOIN terminology.concepts c ON c.tenant_id = t.tenant_id AND c.system = t.system AND c.code = t.code,
    unnest(tsvector_to_array(t.words)) AS w(word)
WHERE char_length(w.word) BETWEEN 1 AND 200;
SELECT set_config('shifo.system', '', true);

-- never used (see above), and costly to fill on every import: the words are in title_words now
DROP INDEX terminology.titles_words;
ALTER TABLE terminology.titles DROP COLUMN words;

-- An import adds thousands of codes in one transaction, and the statements after it (above all the foreign-key
-- checks of the titles, one per row) were planned on statistics that still said "empty": a sequential scan of the
-- codes per title, 30 s for 20,000 codes. The import refreshes the statistics of its tables on the way; ANALYZE needs
-- the tables' owner (or PostgreSQL 17's MAINTAIN privilege), so it is this function, run as the owner, that the
-- runtime role may call and that can do nothing else.
CREATE FUNCTION terminology.analyze_code_sets() RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog
AS $$
BEGIN
    ANALYZE terminology.concepts;
    ANALYZE terminology.titles;
    ANALYZE terminology.title_words;
END
$$;
REVOKE ALL ON FUNCTION terminology.analyze_code_sets() FROM PUBLIC;
DO
$$
BEGIN
    IF '${app_role}' <> '' AND '${app_role}' <> current_user THEN
        EXECUTE format('GRANT EXECUTE ON FUNCTION terminology.analyze_code_sets() TO %I', '${app_role}');
    END IF;
END
$$;
