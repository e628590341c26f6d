package org.shifo.terminology.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.terminology.domain.TitleWords;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Looking codes up: one code with its title, code prefixes, words, a category's leaves, and the sets imported.
 * The title is the one in the language asked for, else English, Russian, Uzbek, else any.
 */
@Repository
public class Concepts {

    /** A code with its title in the language chosen. */
    public record Row(
            String code,
            @Nullable String parentCode,
            String kind,
            boolean leaf,
            boolean active,
            @Nullable String title,
            @Nullable String language) {}

    /** A code set imported: its system, how many codes, active and retired, and the last import. */
    public record SetSummary(
            String system,
            String name,
            long codes,
            long active,
            long retired,
            long leaves,
            Instant lastImportedAt,
            UUID lastJobId) {}

    private static final String BEST_TITLE =
            """
            LEFT JOIN LATERAL (
                SELECT t.title, t.language FROM terminology.titles t
                WHERE t.tenant_id = c.tenant_id AND t.system = c.system AND t.code = c.code
                ORDER BY t.language = :language DESC, t.language = 'en' DESC, t.language = 'ru' DESC,
                    t.language = 'uz' DESC, t.language
                LIMIT 1) best ON TRUE
            """;

    private static final String SELECT_FROM =
            "SELECT c.code, c.parent_code, c.kind, c.leaf, c.retired_at IS NULL AS active, best.title, best.language"
                    + " FROM ";

    private static final String SELECT = SELECT_FROM + "terminology.concepts c ";

    private final JdbcClient jdbc;

    Concepts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean hasSet(UUID tenant, String system) {
        return jdbc.sql(
                        """
                        SELECT EXISTS (SELECT 1 FROM terminology.code_systems WHERE tenant_id = :tenant
                            AND system = :system)
                        """)
                .param("tenant", tenant)
                .param("system", system)
                .query(Boolean.class)
                .single();
    }

    public Optional<Row> find(UUID tenant, String system, String code, String language) {
        return jdbc.sql(SELECT + BEST_TITLE + " WHERE c.tenant_id = :tenant AND c.system = :system AND c.code = :code")
                .param("tenant", tenant)
                .param("system", system)
                .param("code", code)
                .param("language", language)
                .query(Concepts::row)
                .optional();
    }

    /** Active codable codes whose code starts with {@code prefix}, in code order. */
    public List<Row> leavesStartingWith(UUID tenant, String system, String prefix, String language, int limit) {
        return jdbc.sql(titled(
                        """
                        SELECT c.* FROM terminology.concepts c
                        WHERE c.tenant_id = :tenant AND c.system = :system
                            AND c.code COLLATE "C" >= :from AND c.code COLLATE "C" < :to
                            AND c.leaf AND c.retired_at IS NULL
                        ORDER BY c.code COLLATE "C" LIMIT :limit
                        """,
                        "c.code COLLATE \"C\""))
                .param("tenant", tenant)
                .param("system", system)
                .param("from", prefix)
                .param("to", TitleWords.after(prefix))
                .param("language", language)
                .param("limit", limit)
                .query(Concepts::row)
                .list();
    }

    /** Active codable codes below {@code code} in the hierarchy (through blocks and chapters too). */
    public List<Row> leavesBelow(UUID tenant, String system, String code, String language, int limit) {
        return jdbc.sql(
                        """
                        WITH RECURSIVE below (code, depth) AS (
                            SELECT code, 1 FROM terminology.concepts
                            WHERE tenant_id = :tenant AND system = :system AND parent_code = :code
                            UNION ALL
                            SELECT c.code, b.depth + 1 FROM terminology.concepts c JOIN below b
                                ON c.tenant_id = :tenant AND c.system = :system AND c.parent_code = b.code
                            WHERE b.depth < 6)
                        """
                                + titled(
                                        """
                                        SELECT c.* FROM terminology.concepts c
                                        WHERE c.tenant_id = :tenant AND c.system = :system
                                            AND c.code IN (SELECT code FROM below) AND c.leaf
                                            AND c.retired_at IS NULL
                                        ORDER BY c.code COLLATE "C" LIMIT :limit
                                        """,
                                        "c.code COLLATE \"C\""))
                .param("tenant", tenant)
                .param("system", system)
                .param("code", code)
                .param("language", language)
                .param("limit", limit)
                .query(Concepts::row)
                .list();
    }

    /**
     * Codes starting with {@code prefix}, active first, in code order; chapters and blocks only when the prefix
     * has a dash ({@code A00-}): a code prefix means categories. The prefix is a range of codes (see
     * V087__terminology_title_words.sql for why not {@code LIKE}).
     */
    public List<Row> byCodePrefix(UUID tenant, String system, String prefix, String language, int limit) {
        return jdbc.sql(titled(
                        """
                        SELECT c.* FROM terminology.concepts c
                        WHERE c.tenant_id = :tenant AND c.system = :system
                            AND c.code COLLATE "C" >= :from AND c.code COLLATE "C" < :to
                            AND (c.kind = 'CATEGORY' OR :blocks)
                        ORDER BY c.retired_at IS NOT NULL, c.code COLLATE "C" LIMIT :limit
                        """,
                        "c.retired_at IS NOT NULL, c.code COLLATE \"C\""))
                .param("tenant", tenant)
                .param("system", system)
                .param("from", prefix)
                .param("to", TitleWords.after(prefix))
                .param("blocks", prefix.indexOf('-') >= 0)
                .param("language", language)
                .param("limit", limit)
                .query(Concepts::row)
                .list();
    }

    /**
     * Codes with a title, in any language, holding words that start with each of {@code words} (lower case, as
     * {@link TitleWords} cuts them), active and codable first. Each word is a range of {@code title_words}; a
     * title matches when it has all of them; the matches are ordered by the rank stored with the words, so only
     * the codes shown are read.
     */
    public List<Row> byWords(UUID tenant, String system, List<String> words, String language, int limit) {
        if (words.isEmpty()) {
            return List.of();
        }
        StringBuilder matched = new StringBuilder();
        Map<String, Object> params = new HashMap<>();
        for (int i = 0; i < words.size(); i++) {
            matched.append(i == 0 ? "" : " INTERSECT ")
                    .append("SELECT w.code, w.language, w.rank FROM terminology.title_words w")
                    .append(" WHERE w.tenant_id = :tenant AND w.system = :system")
                    .append(" AND w.word >= :from")
                    .append(i)
                    .append(" AND w.word < :to")
                    .append(i);
            params.put("from" + i, words.get(i));
            params.put("to" + i, TitleWords.after(words.get(i)));
        }
        return jdbc.sql(titled(
                        "SELECT c.*, m.rank FROM (SELECT m.code, min(m.rank) AS rank FROM (" + matched + ") m"
                                + " GROUP BY m.code ORDER BY min(m.rank), m.code COLLATE \"C\" LIMIT :limit) m"
                                + " JOIN terminology.concepts c"
                                + " ON c.tenant_id = :tenant AND c.system = :system AND c.code = m.code",
                        "c.rank, c.code COLLATE \"C\""))
                .params(params)
                .param("tenant", tenant)
                .param("system", system)
                .param("language", language)
                .param("limit", limit)
                .query(Concepts::row)
                .list();
    }

    /**
     * The codes {@code chosen} selects (a query over {@code terminology.concepts c} with its own order and limit),
     * each with its best title, in {@code order}: the titles are looked up for the few codes chosen only.
     */
    private static String titled(String chosen, String order) {
        return SELECT_FROM + "(" + chosen + ") c " + BEST_TITLE + " ORDER BY " + order;
    }

    public List<SetSummary> sets(UUID tenant) {
        return jdbc.sql(
                        """
                        SELECT s.system, s.name, s.last_imported_at, s.last_job_id,
                            count(c.code) AS codes, count(c.code) FILTER (WHERE c.retired_at IS NULL) AS active,
                            count(c.code) FILTER (WHERE c.retired_at IS NOT NULL) AS retired,
                            count(c.code) FILTER (WHERE c.retired_at IS NULL AND c.leaf) AS leaves
                        FROM terminology.code_systems s
                        LEFT JOIN terminology.concepts c ON c.tenant_id = s.tenant_id AND c.system = s.system
                        WHERE s.tenant_id = :tenant
                        GROUP BY s.system, s.name, s.last_imported_at, s.last_job_id
                        ORDER BY s.name
                        """)
                .param("tenant", tenant)
                .query((rs, n) -> new SetSummary(
                        rs.getString("system"),
                        rs.getString("name"),
                        rs.getLong("codes"),
                        rs.getLong("active"),
                        rs.getLong("retired"),
                        rs.getLong("leaves"),
                        ImportJobs.instant(rs, "last_imported_at"),
                        rs.getObject("last_job_id", UUID.class)))
                .list();
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(
                rs.getString("code"),
                rs.getString("parent_code"),
                rs.getString("kind"),
                rs.getBoolean("leaf"),
                rs.getBoolean("active"),
                rs.getString("title"),
                rs.getString("language"));
    }
}
