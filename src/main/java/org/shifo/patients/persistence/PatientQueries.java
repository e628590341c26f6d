package org.shifo.patients.persistence;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.patients.PatientId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The registry's search and duplicate-matching queries. Search runs up to four matchers in one statement
 * (medical record number, identifier, phone suffix, name similarity), keeps each record's best score, and pages
 * by keyset on (score descending, id).
 */
@Repository
public class PatientQueries {

    /** The most records a name-beginning path ranks (see {@link #search}). */
    static final int PREFIX_CAP = 1000;

    /**
     * With at least this many name-beginning matches (two pages), search does not compare every record by
     * trigrams.
     */
    static final int PREFIX_ENOUGH = 40;

    private final JdbcClient jdbc;

    PatientQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What to search for; every matcher is optional, at least one is given. */
    public record SearchPlan(
            @Nullable Long recordNumber,
            @Nullable String identifier,
            @Nullable String phoneE164,
            @Nullable String phoneDigits,
            List<String> nameTokens,
            @Nullable String nameText,
            @Nullable String namePrefix,
            @Nullable LocalDate birthDate) {

        public SearchPlan {
            nameTokens = List.copyOf(nameTokens);
        }
    }

    /** One found record: its summary and score (0–1000). */
    public record Hit(PatientStore.Summary summary, int score) {}

    /** A page position: the last hit's score and id. */
    public record Position(int score, UUID id) {}

    public List<Hit> search(UUID tenant, SearchPlan plan, @Nullable Position after, int limit) {
        List<String> matchers = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        params.put("tenant", tenant);
        String live = " AND p.tenant_id = :tenant AND p.deleted_at IS NULL AND p.status = 'ACTIVE'"
                + (plan.birthDate() == null ? "" : " AND p.birth_date = :birthDate");
        if (plan.birthDate() != null) {
            params.put("birthDate", plan.birthDate());
        }
        if (plan.recordNumber() != null) {
            matchers.add(
                    "SELECT p.id, 1000 AS score FROM patients.patients p WHERE p.record_number = :recordNumber" + live);
            params.put("recordNumber", plan.recordNumber());
        }
        if (plan.identifier() != null) {
            matchers.add(
                    """
                    SELECT i.patient_id AS id, 1000 AS score FROM patients.identifiers i
                    JOIN patients.patients p ON p.id = i.patient_id
                    WHERE i.tenant_id = :tenant AND i.active AND i.value IN (:identifier, :identifierBare)
                    """
                            + live);
            params.put("identifier", plan.identifier());
            params.put("identifierBare", plan.identifier().replace("-", ""));
        }
        if (plan.phoneE164() != null) {
            matchers.add(
                    """
                    SELECT ph.patient_id AS id, 990 AS score FROM patients.phones ph
                    JOIN patients.patients p ON p.id = ph.patient_id
                    WHERE ph.tenant_id = :tenant AND ph.e164 = :e164
                    """
                            + live);
            params.put("e164", plan.phoneE164());
        }
        if (plan.phoneDigits() != null) {
            matchers.add(
                    """
                    SELECT ph.patient_id AS id,
                        least(980, 600 + 30 * char_length(:digits)) - (CASE WHEN ph.is_primary THEN 0 ELSE 5 END) AS score
                    FROM patients.phones ph
                    JOIN patients.patients p ON p.id = ph.patient_id
                    WHERE ph.tenant_id = :tenant
                      AND ph.digits_reversed ~>=~ :reversed AND ph.digits_reversed ~<~ :reversedEnd
                    """
                            + live);
            // a range, not LIKE: under row-level security only leakproof operators may use an index, and LIKE
            // is not one (text_pattern_ops' ~>=~ and ~<~ are)
            String reversed = new StringBuilder(plan.phoneDigits()).reverse().toString();
            params.put("digits", plan.phoneDigits());
            params.put("reversed", reversed);
            params.put("reversedEnd", successor(reversed));
        }
        if (!plan.nameTokens().isEmpty() && plan.nameText() != null) {
            StringBuilder where = new StringBuilder();
            StringBuilder begins = new StringBuilder();
            StringBuilder score = new StringBuilder("(0");
            for (int i = 0; i < plan.nameTokens().size(); i++) {
                String param = "token" + i;
                where.append(" AND :").append(param).append(" <% p.name_key");
                score.append(" + word_similarity(:").append(param).append(", p.name_key)");
                begins.append(i == 0 ? "" : " OR ")
                        .append("(p.name_key ~>=~ :")
                        .append(param)
                        .append("Start AND p.name_key ~<~ :")
                        .append(param)
                        .append("End)");
                params.put(param, plan.nameTokens().get(i));
                params.put(param + "Start", rangeStart(plan.nameTokens().get(i)));
                params.put(param + "End", successor(rangeStart(plan.nameTokens().get(i))));
            }
            score.append(") / ").append(plan.nameTokens().size()).append(".0");
            String scored = "round(900 * (0.7 * " + score + " + 0.3 * similarity(:nameText, p.name_key)))::int";
            // Trigram operators are not leakproof, so under row-level security PostgreSQL cannot use the trigram
            // index for them and compares every record. First, then, count (up to PREFIX_ENOUGH) the records whose
            // folded name begins with one of the words (the family name, as people usually type it) through a
            // b-tree range, which it can use. With that many, they are the results: a word that begins a name
            // matches it by trigrams too, so they score as before, and a fragment shared by more than PREFIX_CAP
            // names pages through the first ones by name. With fewer, every record is compared as before, for
            // other name parts and typos. (A separate query, so the plan of the one chosen stays simple.)
            String prefixed = " FROM patients.patients p WHERE (" + begins + ")" + where + live;
            Long enough = jdbc.sql("SELECT count(*) FROM (SELECT 1" + prefixed + " LIMIT " + PREFIX_ENOUGH + ") c")
                    .params(params)
                    .query(Long.class)
                    .single();
            if (enough != null && enough >= PREFIX_ENOUGH) {
                matchers.add("(SELECT p.id, " + scored + " AS score" + prefixed
                        + " ORDER BY p.name_key USING ~<~, p.id LIMIT " + PREFIX_CAP + ")");
            } else {
                matchers.add("SELECT p.id, " + scored + " AS score FROM patients.patients p WHERE TRUE" + where + live);
            }
            params.put("nameText", plan.nameText());
        } else if (plan.namePrefix() != null) {
            if (plan.namePrefix().isEmpty()) {
                matchers.add("SELECT p.id, 400 AS score FROM patients.patients p WHERE TRUE" + live);
            } else {
                matchers.add("(SELECT p.id, 400 AS score FROM patients.patients p"
                        + " WHERE p.name_key ~>=~ :prefix AND p.name_key ~<~ :prefixEnd" + live
                        + " ORDER BY p.name_key USING ~<~, p.id LIMIT " + PREFIX_CAP + ")");
                params.put("prefix", plan.namePrefix());
                params.put("prefixEnd", successor(plan.namePrefix()));
            }
        }
        if (matchers.isEmpty()) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder("WITH matched AS (")
                .append(String.join(" UNION ALL ", matchers))
                .append("), best AS (SELECT id, max(score) AS score FROM matched GROUP BY id)")
                .append(", page AS (SELECT id, score FROM best");
        if (after != null) {
            sql.append(" WHERE score < :afterScore OR (score = :afterScore AND id > :afterId)");
            params.put("afterScore", after.score());
            params.put("afterId", after.id());
        }
        // the page is cut before the join, so only its records are read
        sql.append(" ORDER BY score DESC, id LIMIT :limit)")
                .append(
                        " SELECT p.id, p.record_number, p.family_name, p.given_name, p.patronymic, p.sex, p.birth_date, p.language,")
                .append(" p.status, p.merged_into, page.score,")
                .append(" (SELECT ph.e164 FROM patients.phones ph"
                        + " WHERE ph.tenant_id = :tenant AND ph.patient_id = p.id AND ph.is_primary) AS phone")
                .append(" FROM page JOIN patients.patients p ON p.id = page.id WHERE p.tenant_id = :tenant")
                .append(" ORDER BY page.score DESC, p.id");
        params.put("limit", limit);
        return jdbc.sql(sql.toString())
                .params(params)
                .query((rs, n) -> new Hit(PatientStore.summary(rs, n), rs.getInt("score")))
                .list();
    }

    /** What a record shares with an existing one, for duplicate scoring. */
    public record CandidateRow(
            PatientId id,
            double nameSimilarity,
            boolean samePhone,
            boolean sameBirthDate,
            boolean swappedBirthDate,
            String sex) {}

    /**
     * Records that share a phone or the birth date (also with day and month swapped) with the given data; the
     * name similarity is computed for each. Records in {@code excluded} are left out.
     */
    public List<CandidateRow> candidates(
            UUID tenant, String nameKey, LocalDate birthDate, List<String> phones, List<UUID> excluded) {
        LocalDate swapped = swap(birthDate);
        return jdbc.sql(
                        """
                        WITH by_phone AS (
                            SELECT DISTINCT ph.patient_id AS id FROM patients.phones ph
                            WHERE ph.tenant_id = :tenant AND ph.e164 = ANY(:phones)
                        ), candidates AS (
                            SELECT id FROM by_phone
                            UNION
                            SELECT p.id FROM patients.patients p
                            WHERE p.tenant_id = :tenant AND p.birth_date IN (:birthDate, :swapped)
                        )
                        SELECT p.id, similarity(p.name_key, :nameKey) AS name_similarity,
                            p.id IN (SELECT id FROM by_phone) AS same_phone,
                            p.birth_date = :birthDate AS same_birth_date,
                            p.birth_date = :swapped AND p.birth_date <> :birthDate AS swapped_birth_date,
                            p.sex
                        FROM candidates c JOIN patients.patients p ON p.id = c.id
                        WHERE p.tenant_id = :tenant AND p.deleted_at IS NULL AND p.status = 'ACTIVE'
                          AND NOT (p.id = ANY(:excluded))
                        ORDER BY name_similarity DESC
                        LIMIT 200
                        """)
                .param("tenant", tenant)
                .param("phones", phones.toArray(String[]::new))
                .param("birthDate", birthDate)
                .param("swapped", swapped)
                .param("nameKey", nameKey)
                .param("excluded", excluded.toArray(UUID[]::new))
                .query((rs, n) -> new CandidateRow(
                        new PatientId(rs.getObject("id", UUID.class)),
                        rs.getDouble("name_similarity"),
                        rs.getBoolean("same_phone"),
                        rs.getBoolean("same_birth_date"),
                        rs.getBoolean("swapped_birth_date"),
                        rs.getString("sex")))
                .list();
    }

    /** A likely pair for the review list, with what the two records share. */
    public record PairRow(
            PatientId first,
            PatientId second,
            double nameSimilarity,
            boolean samePhone,
            boolean sameBirthDate,
            boolean swappedBirthDate,
            boolean differentSex) {}

    /**
     * Pairs of active records that share a phone, or the birth date with names at least 50 % alike, leaving out
     * pairs marked "not a duplicate". At most {@code limit} pairs, the most similar names first.
     */
    public List<PairRow> likelyPairs(UUID tenant, int limit) {
        return jdbc.sql(
                        """
                        WITH live AS (
                            SELECT id, name_key, birth_date, sex FROM patients.patients
                            WHERE tenant_id = :tenant AND deleted_at IS NULL AND status = 'ACTIVE'
                        ), by_date AS (
                            SELECT a.id AS first, b.id AS second FROM live a
                            JOIN live b ON b.birth_date = a.birth_date AND a.id < b.id
                            WHERE similarity(a.name_key, b.name_key) >= 0.5
                        ), by_phone AS (
                            SELECT DISTINCT least(x.patient_id, y.patient_id) AS first,
                                greatest(x.patient_id, y.patient_id) AS second
                            FROM patients.phones x JOIN patients.phones y
                              ON y.e164 = x.e164 AND y.tenant_id = x.tenant_id AND x.patient_id < y.patient_id
                            WHERE x.tenant_id = :tenant
                        ), pairs AS (
                            SELECT first, second FROM by_date UNION SELECT first, second FROM by_phone
                        )
                        SELECT pr.first, pr.second, similarity(a.name_key, b.name_key) AS name_similarity,
                            EXISTS (SELECT 1 FROM patients.phones x JOIN patients.phones y ON y.e164 = x.e164
                                    WHERE x.tenant_id = :tenant AND y.tenant_id = :tenant
                                      AND x.patient_id = pr.first AND y.patient_id = pr.second) AS same_phone,
                            a.birth_date = b.birth_date AS same_birth_date,
                            (extract(day FROM a.birth_date) = extract(month FROM b.birth_date)
                             AND extract(month FROM a.birth_date) = extract(day FROM b.birth_date)
                             AND extract(year FROM a.birth_date) = extract(year FROM b.birth_date)
                             AND a.birth_date <> b.birth_date) AS swapped_birth_date,
                            (a.sex IN ('MALE', 'FEMALE') AND b.sex IN ('MALE', 'FEMALE') AND a.sex <> b.sex) AS different_sex
                        FROM pairs pr
                        JOIN live a ON a.id = pr.first
                        JOIN live b ON b.id = pr.second
                        WHERE NOT EXISTS (SELECT 1 FROM patients.not_duplicates nd
                                          WHERE nd.first_id = pr.first AND nd.second_id = pr.second)
                        ORDER BY name_similarity DESC, pr.first, pr.second
                        LIMIT :limit
                        """)
                .param("tenant", tenant)
                .param("limit", limit)
                .query((rs, n) -> new PairRow(
                        new PatientId(rs.getObject("first", UUID.class)),
                        new PatientId(rs.getObject("second", UUID.class)),
                        rs.getDouble("name_similarity"),
                        rs.getBoolean("same_phone"),
                        rs.getBoolean("same_birth_date"),
                        rs.getBoolean("swapped_birth_date"),
                        rs.getBoolean("different_sex")))
                .list();
    }

    public void markNotDuplicate(UUID tenant, PatientId a, PatientId b, java.time.Instant now, @Nullable UUID by) {
        // PostgreSQL orders uuids by their bytes, as their hexadecimal text sorts (java.util.UUID does not)
        UUID first = a.value().toString().compareTo(b.value().toString()) < 0 ? a.value() : b.value();
        UUID second = first.equals(a.value()) ? b.value() : a.value();
        jdbc.sql(
                        """
                        INSERT INTO patients.not_duplicates (tenant_id, first_id, second_id, marked_at, marked_by)
                        VALUES (:tenant, :first, :second, :now, :by) ON CONFLICT DO NOTHING
                        """)
                .param("tenant", tenant)
                .param("first", first)
                .param("second", second)
                .param("now", java.sql.Timestamp.from(now))
                .param("by", by)
                .update();
    }

    /**
     * Where names beginning with a typed word start: the word without a last letter that may begin a two-letter
     * spelling {@link org.shifo.patients.domain.NameKey} folds ("mirzay" of Mirzayev, whose key is {@code
     * mirzaev}; kh, ts, dj, zh likewise). The range is wider; the trigram test still decides.
     */
    static String rangeStart(String token) {
        return "ykdzt".indexOf(token.charAt(token.length() - 1)) >= 0 ? token.substring(0, token.length() - 1) : token;
    }

    /** The least string after every string that begins with {@code prefix} (ASCII; for a byte-order range). */
    static String successor(String prefix) {
        return prefix.substring(0, prefix.length() - 1) + (char) (prefix.charAt(prefix.length() - 1) + 1);
    }

    private static LocalDate swap(LocalDate date) {
        if (date.getDayOfMonth() <= 12 && date.getDayOfMonth() != date.getMonthValue()) {
            try {
                return LocalDate.of(date.getYear(), date.getDayOfMonth(), date.getMonthValue());
            } catch (java.time.DateTimeException impossible) {
                return date;
            }
        }
        return date;
    }
}
