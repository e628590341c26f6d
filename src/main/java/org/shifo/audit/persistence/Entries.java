package org.shifo.audit.persistence;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.shifo.audit.AuditActor;
import org.shifo.audit.AuditCursor;
import org.shifo.audit.AuditEntry;
import org.shifo.audit.AuditEvent;
import org.shifo.audit.AuditFilter;
import org.shifo.audit.AuditOutcome;
import org.shifo.audit.AuditPage;
import org.shifo.audit.AuditPageRequest;
import org.shifo.audit.domain.ChainHead;
import org.shifo.audit.domain.EntryContent;
import org.shifo.audit.domain.Seal;
import org.shifo.audit.domain.SealedEntry;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import org.springframework.jdbc.core.support.AbstractSqlTypeValue;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The rows of {@code audit.entries} and their seals ({@code audit.seals}): each inserted once, then only read. */
@Repository
public class Entries {

    /** Rows fetched per round trip when streaming a chain (a server-side cursor inside a transaction). */
    static final int STREAM_FETCH_SIZE = 1_000;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String CONTENT_COLUMNS =
            """
            e.seq, e.tenant_id, e.occurred_at, e.actor_type, e.actor_id, e.actor_name, e.action, e.target_type,
            e.target_id, e.outcome, host(e.client_ip) AS client_ip, e.request_id, e.details::text AS details""";

    private final JdbcClient jdbc;

    public Entries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Lets the current transaction commit without waiting for its WAL flush, if it has written nothing so far
     * (it has no transaction id yet); see {@code AuditLog.recordRead}.
     */
    public void commitWithoutFlushUnlessWritten() {
        jdbc.sql(
                        """
                        SELECT CASE WHEN txid_current_if_assigned() IS NULL
                                    THEN set_config('synchronous_commit', 'off', true) END
                        """)
                .query(String.class)
                .optional();
    }

    /** Inserts the event as an unsealed entry; its request id and client address must already be resolved. */
    public void insert(AuditEvent event, Instant occurredAt) {
        AuditActor actor = event.actor();
        jdbc.sql(
                        """
                        INSERT INTO audit.entries (tenant_id, occurred_at, actor_type, actor_id, actor_name, action,
                                                   target_type, target_id, outcome, client_ip, request_id, details)
                        VALUES (:tenantId, :occurredAt, :actorType, :actorId, :actorName, :action,
                                :targetType, :targetId, :outcome, CAST(:clientIp AS inet), :requestId,
                                CAST(:details AS jsonb))
                        """)
                .param("tenantId", event.tenantId())
                .param("occurredAt", OffsetDateTime.ofInstant(occurredAt, ZoneOffset.UTC))
                .param("actorType", actorType(actor))
                // explicit types for the nullable parameters: a null of unknown type makes Spring ask the
                // driver for parameter metadata, an extra round trip on the hot path
                .param("actorId", actor instanceof AuditActor.User user ? user.id() : null, Types.OTHER)
                .param("actorName", actor.displayName())
                .param("action", event.action())
                .param("targetType", event.targetType())
                .param("targetId", event.targetId())
                .param("outcome", event.outcome().name())
                .param("clientIp", event.clientAddress(), Types.VARCHAR)
                .param("requestId", event.requestId(), Types.VARCHAR)
                .param("details", JSON.writeValueAsString(event.details()))
                .update();
    }

    /** An event to insert and the time it was recorded (already truncated to microseconds). */
    public record NewEntry(AuditEvent event, Instant occurredAt) {}

    /**
     * Inserts the events as unsealed entries, in this order, with one statement (the rows go as arrays); their
     * request ids and client addresses must already be resolved.
     */
    public void insertAll(List<NewEntry> batch) {
        List<@Nullable String[]> rows = batch.stream().map(Entries::asText).toList();
        StatementSpec insert = jdbc.sql(
                """
                INSERT INTO audit.entries (tenant_id, occurred_at, actor_type, actor_id, actor_name, action,
                                           target_type, target_id, outcome, client_ip, request_id, details)
                SELECT CAST(tenant_id AS uuid), CAST(occurred_at AS timestamptz), actor_type,
                       CAST(actor_id AS uuid), actor_name, action, target_type, target_id, outcome,
                       CAST(client_ip AS inet), request_id, CAST(details AS jsonb)
                FROM unnest(:tenant_id, :occurred_at, :actor_type, :actor_id, :actor_name, :action,
                            :target_type, :target_id, :outcome, :client_ip, :request_id, :details)
                    WITH ORDINALITY AS n(tenant_id, occurred_at, actor_type, actor_id, actor_name, action,
                                         target_type, target_id, outcome, client_ip, request_id, details,
                                         position)
                ORDER BY n.position
                """);
        for (int column = 0; column < BATCH_COLUMNS.size(); column++) {
            @Nullable String[] values = new String[rows.size()];
            for (int row = 0; row < rows.size(); row++) {
                values[row] = rows.get(row)[column];
            }
            insert = insert.param(BATCH_COLUMNS.get(column), array("text", values));
        }
        insert.update();
    }

    /** The columns {@link #insertAll} sends, as text arrays named like the columns, in the order of its unnest. */
    private static final List<String> BATCH_COLUMNS = List.of(
            "tenant_id",
            "occurred_at",
            "actor_type",
            "actor_id",
            "actor_name",
            "action",
            "target_type",
            "target_id",
            "outcome",
            "client_ip",
            "request_id",
            "details");

    /** One entry's values in the order of {@link #BATCH_COLUMNS}, as text (the statement casts them). */
    private static @Nullable String[] asText(NewEntry entry) {
        AuditEvent event = entry.event();
        AuditActor actor = event.actor();
        return new @Nullable String[] {
            event.tenantId().toString(),
            entry.occurredAt().toString(),
            actorType(actor),
            actor instanceof AuditActor.User user ? user.id().toString() : null,
            actor.displayName(),
            event.action(),
            event.targetType(),
            event.targetId(),
            event.outcome().name(),
            event.clientAddress(),
            event.requestId(),
            JSON.writeValueAsString(event.details())
        };
    }

    /**
     * The id before which every transaction has ended: an entry inserted by one of them is visible now or never
     * will be. Read before {@link #findUnsealed}, in the same transaction, so that its snapshot is the later.
     */
    public long findTransactionHorizon() {
        return jdbc.sql("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint")
                .query(Long.class)
                .single();
    }

    /**
     * The lowest transaction id among entries without a seal, or empty when every entry is sealed: where the
     * sealer starts after a restart. One full scan (the BRIN index cannot answer it), made once per process.
     */
    public Optional<Long> findLowestUnsealedTransaction() {
        return jdbc.sql(
                        """
                        SELECT e.xact_id FROM audit.entries e
                        WHERE NOT EXISTS (SELECT 1 FROM audit.seals s WHERE s.seq = e.seq)
                        ORDER BY e.xact_id
                        LIMIT 1
                        """)
                .query(Long.class)
                .optional();
    }

    /**
     * Up to {@code limit} entries without a seal visible now, in seq order, among those inserted by transaction
     * {@code fromTransaction} or later (the BRIN index on xact_id narrows the scan to the table's tail).
     */
    public List<EntryContent> findUnsealed(long fromTransaction, int limit) {
        // Planned for this horizon, never with a generic plan: not knowing the value, PostgreSQL would walk the
        // whole table in seq order (the primary key) filtering on xact_id, instead of reading the BRIN
        // index's last ranges: on two million entries, 630 ms instead of 11 ms, growing with the table.
        jdbc.sql("SELECT set_config('plan_cache_mode', 'force_custom_plan', true)")
                .query(String.class)
                .single();
        return jdbc.sql(
                        "SELECT " + CONTENT_COLUMNS
                                + """

                        FROM audit.entries e
                        WHERE e.xact_id >= :fromTransaction
                          AND NOT EXISTS (SELECT 1 FROM audit.seals s WHERE s.seq = e.seq)
                        ORDER BY e.seq
                        LIMIT :limit
                        """)
                .param("fromTransaction", fromTransaction)
                .param("limit", limit)
                .query((rs, row) -> content(rs))
                .list();
    }

    /** The sealed head of each of these tenants' chains; tenants without a sealed entry are left out. */
    public Map<UUID, ChainHead> findHeads(Collection<UUID> tenantIds) {
        if (tenantIds.isEmpty()) {
            return Map.of();
        }
        // One index probe per tenant (the last entry by the (tenant_id, chain_index) key), not a scan.
        Map<UUID, ChainHead> heads = new HashMap<>();
        jdbc.sql(
                        """
                        SELECT t.tenant_id, h.chain_index, h.mac
                        FROM unnest(CAST(string_to_array(:tenantIds, ',') AS uuid[])) AS t(tenant_id)
                        JOIN LATERAL (SELECT s.chain_index, s.mac
                                      FROM audit.seals s
                                      WHERE s.tenant_id = t.tenant_id
                                      ORDER BY s.chain_index DESC
                                      LIMIT 1) h ON TRUE
                        """)
                .param("tenantIds", tenantIds.stream().map(UUID::toString).collect(Collectors.joining(",")))
                .query(rs -> {
                    heads.put(
                            rs.getObject("tenant_id", UUID.class),
                            new ChainHead(rs.getLong("chain_index"), rs.getBytes("mac")));
                });
        return heads;
    }

    public Optional<ChainHead> findHead(UUID tenantId) {
        return Optional.ofNullable(findHeads(List.of(tenantId)).get(tenantId));
    }

    /**
     * Inserts the seals, all or none, in one statement (the batch goes as arrays). An entry sealed already
     * breaks the primary key, and the whole batch rolls back with the caller's transaction.
     */
    public void seal(List<Seal> seals, Instant sealedAt) {
        int size = seals.size();
        Long[] seqs = new Long[size];
        UUID[] tenants = new UUID[size];
        Long[] chainIndexes = new Long[size];
        byte[][] previousMacs = new byte[size][];
        byte[][] macs = new byte[size][];
        for (int i = 0; i < size; i++) {
            Seal seal = seals.get(i);
            seqs[i] = seal.seq();
            tenants[i] = seal.tenantId();
            chainIndexes[i] = seal.chainIndex();
            previousMacs[i] = seal.previousMac();
            macs[i] = seal.mac();
        }
        try {
            jdbc.sql(
                            """
                            INSERT INTO audit.seals (seq, tenant_id, chain_index, previous_mac, mac, sealed_at)
                            SELECT s.seq, s.tenant_id, s.chain_index, s.previous_mac, s.mac, :sealedAt
                            FROM unnest(:seqs, :tenants, :chainIndexes, :previousMacs, :macs)
                                AS s(seq, tenant_id, chain_index, previous_mac, mac)
                            """)
                    .param("sealedAt", OffsetDateTime.ofInstant(sealedAt, ZoneOffset.UTC))
                    .param("seqs", array("bigint", seqs))
                    .param("tenants", array("uuid", tenants))
                    .param("chainIndexes", array("bigint", chainIndexes))
                    .param("previousMacs", array("bytea", previousMacs))
                    .param("macs", array("bytea", macs))
                    .update();
        } catch (DuplicateKeyException e) {
            // the in-memory chain would no longer match the table: the whole batch must roll back
            throw new IllegalStateException("an audit entry of this batch was sealed by another session", e);
        }
    }

    /** A JDBC array parameter, created on the statement's own connection. */
    private static SqlTypeValue array(String type, @Nullable Object[] values) {
        return new AbstractSqlTypeValue() {
            @Override
            protected Object createTypeValue(Connection connection, int sqlType, @Nullable String typeName)
                    throws SQLException {
                return connection.createArrayOf(type, values);
            }
        };
    }

    /**
     * Streams a tenant's sealed entries from {@code fromIndex} on, in chain order, to {@code consumer} until
     * it returns false. Must run inside a transaction, so that the rows come through a cursor in batches.
     */
    public void streamChain(UUID tenantId, long fromIndex, Predicate<SealedEntry> consumer) {
        try (Stream<SealedEntry> rows = jdbc
                .sql(
                        "SELECT " + CONTENT_COLUMNS
                                + """
                        , s.chain_index, s.previous_mac, s.mac
                        FROM audit.seals s
                        JOIN audit.entries e ON e.seq = s.seq
                        WHERE s.tenant_id = :tenantId AND s.chain_index >= :fromIndex
                        ORDER BY s.chain_index
                        """)
                .withFetchSize(STREAM_FETCH_SIZE)
                .param("tenantId", tenantId)
                .param("fromIndex", fromIndex)
                .query((rs, row) -> new SealedEntry(
                        content(rs), rs.getLong("chain_index"), rs.getBytes("previous_mac"), rs.getBytes("mac")))
                .stream()) {
            Iterator<SealedEntry> iterator = rows.iterator();
            while (iterator.hasNext()) {
                if (!consumer.test(iterator.next())) {
                    return;
                }
            }
        }
    }

    /** Every tenant with at least one entry, sealed or not. */
    public List<UUID> findTenants() {
        // A loose index scan: one probe of the (tenant_id, occurred_at) index per tenant, not a full scan.
        return jdbc.sql(
                        """
                        WITH RECURSIVE tenants(tenant_id) AS (
                            (SELECT tenant_id FROM audit.entries ORDER BY tenant_id LIMIT 1)
                            UNION ALL
                            SELECT (SELECT e.tenant_id FROM audit.entries e
                                    WHERE e.tenant_id > tenants.tenant_id
                                    ORDER BY e.tenant_id LIMIT 1)
                            FROM tenants
                            WHERE tenants.tenant_id IS NOT NULL
                        )
                        SELECT tenant_id FROM tenants WHERE tenant_id IS NOT NULL
                        """)
                .query(UUID.class)
                .list();
    }

    /** Entries of the filter's tenant, newest first (by occurrence, then seq), one page at a time. */
    public AuditPage search(AuditFilter filter, AuditPageRequest page) {
        StringBuilder sql = new StringBuilder(
                "SELECT " + CONTENT_COLUMNS
                        + """
                , e.chain_index, e.sealed_at
                FROM audit.trail e
                WHERE tenant_id = :tenantId
                """);
        Map<String, Object> params = new HashMap<>();
        params.put("tenantId", filter.tenantId());
        if (filter.actorId() != null) {
            sql.append(" AND actor_id = :actorId");
            params.put("actorId", filter.actorId());
        }
        if (filter.action() != null) {
            sql.append(" AND action = :action");
            params.put("action", filter.action());
        }
        if (filter.targetType() != null) {
            sql.append(" AND target_type = :targetType");
            params.put("targetType", filter.targetType());
        }
        if (filter.targetId() != null) {
            sql.append(" AND target_id = :targetId");
            params.put("targetId", filter.targetId());
        }
        if (filter.outcome() != null) {
            sql.append(" AND outcome = :outcome");
            params.put("outcome", filter.outcome().name());
        }
        if (filter.from() != null) {
            sql.append(" AND occurred_at >= :from");
            params.put("from", OffsetDateTime.ofInstant(filter.from(), ZoneOffset.UTC));
        }
        if (filter.to() != null) {
            sql.append(" AND occurred_at < :to");
            params.put("to", OffsetDateTime.ofInstant(filter.to(), ZoneOffset.UTC));
        }
        AuditCursor after = page.after();
        if (after != null) {
            sql.append(" AND (occurred_at, seq) < (:afterOccurredAt, :afterSeq)");
            params.put("afterOccurredAt", OffsetDateTime.ofInstant(after.occurredAt(), ZoneOffset.UTC));
            params.put("afterSeq", after.seq());
        }
        sql.append("\nORDER BY occurred_at DESC, seq DESC\nLIMIT :limit");
        params.put("limit", page.size() + 1);
        List<AuditEntry> rows = jdbc.sql(sql.toString())
                .params(params)
                .query((rs, row) -> entry(rs))
                .list();
        if (rows.size() <= page.size()) {
            return new AuditPage(rows, null);
        }
        List<AuditEntry> entries = rows.subList(0, page.size());
        return new AuditPage(entries, entries.getLast().cursor());
    }

    static String actorType(AuditActor actor) {
        return switch (actor) {
            case AuditActor.User user -> "USER";
            case AuditActor.SystemProcess process -> "SYSTEM";
            case AuditActor.Anonymous anonymous -> "ANONYMOUS";
        };
    }

    private static AuditActor actor(String type, @Nullable UUID id, String name) {
        return switch (type) {
            case "USER" -> AuditActor.user(requireNonNullColumn(id, "actor_id"), name);
            case "SYSTEM" -> AuditActor.system(name);
            case "ANONYMOUS" -> AuditActor.anonymous();
            default -> throw new IllegalStateException("unknown actor type in audit.entries");
        };
    }

    private static EntryContent content(ResultSet rs) throws SQLException {
        return new EntryContent(
                rs.getLong("seq"),
                rs.getObject("tenant_id", UUID.class),
                instant(rs, "occurred_at"),
                rs.getString("actor_type"),
                rs.getObject("actor_id", UUID.class),
                rs.getString("actor_name"),
                rs.getString("action"),
                rs.getString("target_type"),
                rs.getString("target_id"),
                rs.getString("outcome"),
                rs.getString("client_ip"),
                rs.getString("request_id"),
                details(rs.getString("details")));
    }

    private static AuditEntry entry(ResultSet rs) throws SQLException {
        EntryContent content = content(rs);
        long chainIndex = rs.getLong("chain_index");
        boolean sealed = !rs.wasNull();
        OffsetDateTime sealedAt = rs.getObject("sealed_at", OffsetDateTime.class);
        return new AuditEntry(
                content.seq(),
                content.tenantId(),
                content.occurredAt(),
                actor(content.actorType(), content.actorId(), content.actorName()),
                content.action(),
                content.targetType(),
                content.targetId(),
                AuditOutcome.valueOf(content.outcome()),
                content.clientIp(),
                content.requestId(),
                content.details(),
                sealed ? chainIndex : null,
                sealedAt == null ? null : sealedAt.toInstant());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    /**
     * The details object as sorted key/value text. Values are identifiers when the application wrote them;
     * anything else a tampered row holds is kept as its JSON text, so its MAC simply fails to match.
     */
    static SortedMap<String, String> details(@Nullable String json) {
        SortedMap<String, String> details = new TreeMap<>();
        if (json == null) {
            return details;
        }
        JSON.readTree(json).properties().forEach(property -> {
            var value = property.getValue();
            details.put(property.getKey(), value.isString() ? value.asString() : value.toString());
        });
        return details;
    }

    private static <T> T requireNonNullColumn(@Nullable T value, String column) {
        if (value == null) {
            throw new IllegalStateException(column + " is null in audit.entries");
        }
        return value;
    }
}
