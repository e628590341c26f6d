package org.shifo.terminology.persistence;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.shifo.terminology.domain.ImportFormat;
import org.shifo.terminology.domain.MalformedFileException;
import org.shifo.terminology.domain.ParsedConcept;
import org.shifo.terminology.domain.TitleWords;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes an import into the code set in one transaction (the caller's): the file's codes are streamed into a
 * temporary table with {@code COPY}, then merged with a few set-based statements that add new codes, update
 * changed ones, retire the codes a full file of the same format no longer lists (never deleting them), and count
 * what changed. A file that fails half-way leaves nothing behind: the transaction rolls back.
 */
@Repository
public class CodeSetMerge {

    /** Codes added by one import above which the statistics are refreshed during the import. */
    static final int REFRESH_STATISTICS_AFTER = 1_000;

    /** A code's rank among search matches (see V087__terminology_title_words.sql), from concepts {@code c}. */
    static final String RANK = "CASE WHEN c.retired_at IS NULL THEN 0 ELSE 2 END + CASE WHEN c.leaf THEN 0 ELSE 1 END";

    private final JdbcClient jdbc;
    private final DataSource dataSource;

    CodeSetMerge(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    /** Where the codes of one file go before the merge; write them, then {@link #merge}. */
    public final class Stage implements AutoCloseable {

        private final CopyIn copy;
        private final StringBuilder buffer = new StringBuilder(1 << 16);
        private boolean ended;

        private Stage(CopyIn copy) {
            this.copy = copy;
        }

        public void add(ParsedConcept concept) {
            if (concept.titles().isEmpty()) {
                row(concept, null, null);
            }
            concept.titles().forEach((language, title) -> row(concept, language, title));
            if (buffer.length() > 60_000) {
                flush();
            }
        }

        private void row(ParsedConcept concept, @Nullable String language, @Nullable String title) {
            field(String.valueOf(concept.line()));
            field(concept.code());
            field(concept.parentCode());
            field(concept.recordId());
            field(concept.parentRecordId());
            field(concept.kind() == null ? null : concept.kind().name());
            field(concept.leaf() == null ? null : concept.leaf().toString());
            field(String.valueOf(concept.active()));
            field(language);
            field(title);
            // lower-cased here, not by the database, whose lower() may know only ASCII (a C locale)
            field(title == null ? null : String.join(" ", TitleWords.of(title)));
            buffer.setCharAt(buffer.length() - 1, '\n');
        }

        private void field(@Nullable String value) {
            if (value == null) {
                buffer.append("\\N");
            } else {
                for (int i = 0; i < value.length(); i++) {
                    char c = value.charAt(i);
                    switch (c) {
                        case '\\' -> buffer.append("\\\\");
                        case '\t' -> buffer.append("\\t");
                        case '\n' -> buffer.append("\\n");
                        case '\r' -> buffer.append("\\r");
                        default -> buffer.append(c);
                    }
                }
            }
            buffer.append('\t');
        }

        private void flush() {
            byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
            buffer.setLength(0);
            try {
                copy.writeToCopy(bytes, 0, bytes.length);
            } catch (SQLException e) {
                throw new IllegalStateException("Could not stage the codes", e);
            }
        }

        private void end() {
            flush();
            try {
                copy.endCopy();
                ended = true;
            } catch (SQLException e) {
                throw new IllegalStateException("Could not stage the codes", e);
            }
        }

        @Override
        public void close() {
            if (!ended && copy.isActive()) {
                try {
                    copy.cancelCopy();
                } catch (SQLException e) {
                    // the transaction rolls back anyway
                }
            }
        }
    }

    /** Opens the staging table of this transaction (one import per transaction). */
    public Stage stage() {
        requireTransaction();
        jdbc.sql(
                        """
                        CREATE TEMPORARY TABLE import_stage
                        (
                            line             BIGINT  NOT NULL,
                            code             TEXT    NOT NULL,
                            parent_code      TEXT,
                            record_id        TEXT,
                            parent_record_id TEXT,
                            kind             TEXT,
                            leaf             BOOLEAN,
                            active           BOOLEAN NOT NULL,
                            language         TEXT,
                            title            TEXT,
                            word_list        TEXT
                        ) ON COMMIT DROP
                        """)
                .update();
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            CopyIn copy = connection
                    .unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn("COPY import_stage FROM STDIN (FORMAT text)");
            return new Stage(copy);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not stage the codes", e);
        }
    }

    /**
     * Merges the staged codes into the tenant's set of {@code system} as an import of {@code format} and returns
     * what changed.
     *
     * @throws MalformedFileException when the staged codes contradict each other (a parent not in the file)
     */
    public ImportCounts merge(
            Stage stage, UUID tenant, String system, String systemName, ImportFormat format, UUID jobId, Instant now) {
        stage.end();
        boolean full = format.isFullFile();
        Map<String, Object> params = new HashMap<>();
        params.put("tenant", tenant);
        params.put("system", system);
        params.put("format", format.name());
        params.put("now", Timestamp.from(now));
        params.put("full", full);
        params.put("job", jobId);
        params.put("name", systemName);

        // one import of a set at a time, whichever node runs it
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:key, 80))")
                .param("key", tenant + " " + system)
                .query(Object.class)
                .single();
        jdbc.sql("CREATE INDEX ON import_stage (record_id)").update();
        jdbc.sql("ANALYZE import_stage").update();
        resolveParentRecords();

        jdbc.sql(
                        """
                        CREATE TEMPORARY TABLE import_codes ON COMMIT DROP AS
                        SELECT DISTINCT ON (code) code, parent_code, kind, leaf, leaf IS NOT NULL AS leaf_given, active,
                            line
                        FROM import_stage ORDER BY code, active DESC, line DESC
                        """)
                .update();
        jdbc.sql("CREATE UNIQUE INDEX ON import_codes (code)").update();
        jdbc.sql("CREATE INDEX ON import_codes (parent_code)").update();
        jdbc.sql("ANALYZE import_codes").update();
        checkParents(params);
        jdbc.sql(
                        """
                        UPDATE import_codes c SET leaf = coalesce(c.kind, 'CATEGORY') = 'CATEGORY'
                            AND NOT EXISTS (SELECT 1 FROM import_codes child WHERE child.parent_code = c.code)
                        WHERE c.leaf IS NULL
                        """)
                .update();
        jdbc.sql("CREATE TEMPORARY TABLE import_touched (code TEXT NOT NULL, what TEXT NOT NULL) ON COMMIT DROP")
                .update();
        jdbc.sql("CREATE INDEX ON import_touched (code)").update();

        jdbc.sql(
                        """
                        INSERT INTO terminology.code_systems (tenant_id, system, name, first_imported_at,
                            last_imported_at, last_job_id)
                        VALUES (:tenant, :system, :name, :now, :now, :job)
                        ON CONFLICT (tenant_id, system) DO UPDATE SET last_imported_at = EXCLUDED.last_imported_at,
                            last_job_id = EXCLUDED.last_job_id
                        """)
                .params(params)
                .update();
        int added = jdbc.sql(
                        """
                        WITH added AS (
                            INSERT INTO terminology.concepts (tenant_id, system, code, parent_code, kind, leaf,
                                retired_at, source, updated_at)
                            SELECT :tenant, :system, s.code, s.parent_code,
                                coalesce(s.kind, 'CATEGORY'),
                                s.leaf, CASE WHEN s.active THEN NULL ELSE CAST(:now AS TIMESTAMPTZ) END, :format, :now
                            FROM import_codes s
                            WHERE NOT EXISTS (SELECT 1 FROM terminology.concepts c
                                WHERE c.tenant_id = :tenant AND c.system = :system AND c.code = s.code)
                            RETURNING code)
                        INSERT INTO import_touched SELECT code, 'added' FROM added
                        """)
                .params(params)
                .update();
        if (full) {
            jdbc.sql(
                            """
                            WITH retired AS (
                                UPDATE terminology.concepts c SET retired_at = :now, updated_at = :now, source = :format
                                FROM import_codes s
                                WHERE c.tenant_id = :tenant AND c.system = :system AND c.code = s.code
                                    AND NOT s.active AND c.retired_at IS NULL
                                RETURNING c.code)
                            INSERT INTO import_touched SELECT code, 'retired' FROM retired
                            """)
                    .params(params)
                    .update();
        }
        if (added >= REFRESH_STATISTICS_AFTER) {
            refreshStatistics();
        }
        jdbc.sql("ANALYZE import_touched").update();
        jdbc.sql(
                        """
                        WITH wanted AS (
                            SELECT c.code,
                                CASE WHEN :full THEN s.parent_code ELSE coalesce(s.parent_code, c.parent_code) END
                                    AS parent_code,
                                coalesce(s.kind, c.kind) AS kind,
                                CASE WHEN :full OR s.leaf_given THEN s.leaf ELSE c.leaf END AS leaf,
                                CASE WHEN :full AND s.active THEN NULL ELSE c.retired_at END AS retired_at,
                                CASE WHEN :full THEN :format ELSE c.source END AS source
                            FROM import_codes s
                            JOIN terminology.concepts c
                                ON c.tenant_id = :tenant AND c.system = :system AND c.code = s.code
                            WHERE NOT EXISTS (SELECT 1 FROM import_touched t WHERE t.code = s.code)),
                        changed AS (
                            UPDATE terminology.concepts c SET parent_code = w.parent_code, kind = w.kind,
                                leaf = w.leaf, retired_at = w.retired_at, source = w.source, updated_at = :now
                            FROM wanted w
                            WHERE c.tenant_id = :tenant AND c.system = :system AND c.code = w.code
                                AND (c.parent_code, c.kind, c.leaf, c.retired_at, c.source)
                                    IS DISTINCT FROM (w.parent_code, w.kind, w.leaf, w.retired_at, w.source)
                            RETURNING c.code)
                        INSERT INTO import_touched SELECT code, 'updated' FROM changed
                        """)
                .params(params)
                .update();
        jdbc.sql("ANALYZE import_touched").update();
        jdbc.sql(
                        """
                        CREATE TEMPORARY TABLE import_titled (code TEXT NOT NULL, language TEXT NOT NULL,
                            replaced BOOLEAN NOT NULL) ON COMMIT DROP
                        """)
                .update();
        jdbc.sql(
                        """
                        WITH titled AS (
                            INSERT INTO terminology.titles (tenant_id, system, code, language, title)
                            SELECT :tenant, :system, s.code, s.language, s.title
                            FROM (SELECT DISTINCT ON (code, language) code, language, title
                                  FROM import_stage WHERE title IS NOT NULL
                                  ORDER BY code, language, active DESC, line DESC) s
                            -- an unchanged title is left alone (ON CONFLICT would lock and rewrite its row)
                            WHERE NOT EXISTS (SELECT 1 FROM terminology.titles t
                                WHERE t.tenant_id = :tenant AND t.system = :system AND t.code = s.code
                                    AND t.language = s.language AND t.title = s.title)
                            ON CONFLICT (tenant_id, system, code, language) DO UPDATE
                                SET title = EXCLUDED.title
                                WHERE terminology.titles.title IS DISTINCT FROM EXCLUDED.title
                            -- an updated row carries this transaction in xmax, a new one 0
                            RETURNING code, language, xmax::text <> '0' AS replaced),
                        kept AS (INSERT INTO import_titled SELECT code, language, replaced FROM titled)
                        INSERT INTO import_touched
                        SELECT DISTINCT code, 'updated' FROM titled
                        WHERE NOT EXISTS (SELECT 1 FROM import_touched t WHERE t.code = titled.code)
                        """)
                .params(params)
                .update();
        if (full) {
            jdbc.sql(
                            """
                            WITH retired AS (
                                UPDATE terminology.concepts c SET retired_at = :now, updated_at = :now
                                WHERE c.tenant_id = :tenant AND c.system = :system AND c.source = :format
                                    AND c.retired_at IS NULL
                                    AND NOT EXISTS (SELECT 1 FROM import_codes s WHERE s.code = c.code)
                                RETURNING c.code)
                            INSERT INTO import_touched SELECT code, 'retired' FROM retired
                            """)
                    .params(params)
                    .update();
        }
        writeTitleWords(params);
        if (added >= REFRESH_STATISTICS_AFTER) {
            refreshStatistics();
        }
        Map<String, Integer> counts = new HashMap<>();
        jdbc.sql("SELECT what, count(DISTINCT code) AS n FROM import_touched GROUP BY what")
                .query((rs, n) -> counts.put(rs.getString("what"), rs.getInt("n")))
                .list();
        return new ImportCounts(
                counts.getOrDefault("added", 0), counts.getOrDefault("updated", 0), counts.getOrDefault("retired", 0));
    }

    /**
     * The words of the titles this import wrote replace their old words, ranked from the codes as they are now; the
     * codes whose rank changed without a new title get the new rank. Written in index order.
     */
    private void writeTitleWords(Map<String, Object> params) {
        jdbc.sql("CREATE INDEX ON import_titled (code, language)").update();
        jdbc.sql("ANALYZE import_titled").update();
        // only a title that replaced another has old words (a first import has none: no need to look)
        if (exists("SELECT EXISTS (SELECT 1 FROM import_titled WHERE replaced)")) {
            jdbc.sql(
                            """
                            DELETE FROM terminology.title_words w USING import_titled t
                            WHERE w.tenant_id = :tenant AND w.system = :system AND w.code = t.code
                                AND w.language = t.language AND t.replaced
                            """)
                    .params(params)
                    .update();
        }
        jdbc.sql(
                        """
                        INSERT INTO terminology.title_words (tenant_id, system, word, code, language, rank)
                        SELECT :tenant, :system, w.word, s.code, s.language, {rank}
                        FROM (SELECT DISTINCT ON (code, language) code, language, word_list FROM import_stage
                              WHERE title IS NOT NULL ORDER BY code, language, active DESC, line DESC) s
                        JOIN import_titled t ON t.code = s.code AND t.language = s.language
                        JOIN terminology.concepts c
                            ON c.tenant_id = :tenant AND c.system = :system AND c.code = s.code,
                        unnest(string_to_array(s.word_list, ' ')) AS w(word)
                        WHERE w.word <> ''
                        ORDER BY w.word, s.code, s.language
                        """
                                .replace("{rank}", RANK))
                .params(params)
                .update();
        if (!exists("SELECT EXISTS (SELECT 1 FROM import_touched WHERE what <> 'added')")) {
            return;
        }
        jdbc.sql(
                        """
                        UPDATE terminology.title_words w SET rank = x.rank
                        FROM (SELECT c.code, {rank} AS rank FROM terminology.concepts c
                              WHERE c.tenant_id = :tenant AND c.system = :system
                                AND c.code IN (SELECT code FROM import_touched WHERE what <> 'added')) x
                        WHERE w.tenant_id = :tenant AND w.system = :system AND w.code = x.code
                            AND w.rank <> x.rank
                        """
                                .replace("{rank}", RANK))
                .params(params)
                .update();
    }

    private boolean exists(String sql) {
        return Boolean.TRUE.equals(jdbc.sql(sql).query(Boolean.class).single());
    }

    /**
     * Brings the planner's statistics of the code set tables up to date inside the import's transaction: the
     * statements after adding thousands of codes (the titles' foreign-key checks above all) were otherwise planned
     * on "empty" and scanned the whole table once per row. ANALYZE sees this transaction's own rows. The function
     * runs as the tables' owner (see V087__terminology_title_words.sql).
     */
    private void refreshStatistics() {
        jdbc.sql("SELECT terminology.analyze_code_sets()").query(Object.class).optional();
    }

    /** МКБ-10 rows name their parent by row id: turn it into the parent's code. */
    private void resolveParentRecords() {
        jdbc.sql(
                        """
                        UPDATE import_stage s SET parent_code = p.code
                        FROM (SELECT DISTINCT ON (record_id) record_id, code FROM import_stage
                              WHERE record_id IS NOT NULL ORDER BY record_id, line) p
                        WHERE s.parent_record_id = p.record_id
                        """)
                .update();
        jdbc.sql(
                        """
                        SELECT line, parent_record_id FROM import_stage
                        WHERE parent_record_id IS NOT NULL AND parent_code IS NULL ORDER BY line LIMIT 1
                        """)
                .query((rs, n) -> {
                    throw new MalformedFileException(
                            rs.getLong("line"),
                            "ID_PARENT " + rs.getString("parent_record_id") + " is not the ID of any row");
                })
                .optional();
        jdbc.sql(
                        """
                        SELECT max(line) AS line, record_id FROM import_stage WHERE record_id IS NOT NULL
                        GROUP BY record_id HAVING count(*) > 1 ORDER BY max(line) LIMIT 1
                        """)
                .query((rs, n) -> {
                    throw new MalformedFileException(
                            rs.getLong("line"), "ID " + rs.getString("record_id") + " is used by more than one row");
                })
                .optional();
    }

    /** Every parent named is in the file, or (for a plain CSV, which adds to a set) already imported. */
    private void checkParents(Map<String, Object> params) {
        jdbc.sql(
                        """
                        SELECT s.line, s.parent_code FROM import_codes s
                        WHERE s.parent_code IS NOT NULL
                            AND NOT EXISTS (SELECT 1 FROM import_codes p WHERE p.code = s.parent_code)
                            AND (:full OR NOT EXISTS (SELECT 1 FROM terminology.concepts c
                                WHERE c.tenant_id = :tenant AND c.system = :system AND c.code = s.parent_code))
                        ORDER BY s.line LIMIT 1
                        """)
                .params(params)
                .query((rs, n) -> {
                    throw new MalformedFileException(
                            rs.getLong("line"), "the parent " + rs.getString("parent_code") + " is not in the file");
                })
                .optional();
    }

    private static void requireTransaction() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("An import is staged inside its transaction");
        }
    }
}
