package org.shifo.queue.live;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.audit.AuditActor;
import org.shifo.audit.AuditEvent;
import org.shifo.audit.AuditLog;
import org.shifo.audit.AuditOutcome;
import org.shifo.identity.BranchId;
import org.shifo.identity.BranchRole;
import org.shifo.identity.Role;
import org.shifo.identity.Staff;
import org.shifo.identity.StaffDirectory;
import org.shifo.identity.TenantContext;
import org.shifo.identity.TenantId;
import org.shifo.identity.UserId;
import org.shifo.queue.domain.QueueException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The three ways into the live queue: a signed-in staff member's session, a one-time ticket for API clients
 * (30 seconds, used once, redeemable on any node), and a lobby display's revocable token for one branch. Only
 * SHA-256 hashes of tickets and tokens are stored.
 */
@Component
public class LiveAccess {

    static final Duration TICKET_LIFETIME = Duration.ofSeconds(30);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final StaffDirectory staff;
    private final AuditLog audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    LiveAccess(JdbcClient jdbc, TransactionTemplate transactions, StaffDirectory staff, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.staff = staff;
        this.audit = audit;
        this.clock = clock;
    }

    /** A one-time ticket for the signed-in staff member (runs in their tenant scope). */
    public String issueTicket(Staff member) {
        String ticket = token();
        transactions.executeWithoutResult(
                status -> jdbc.sql("INSERT INTO queue.ws_tickets (token_hash, tenant_id, user_id, expires_at)"
                                + " VALUES (:hash, :tenant, :user, :expires)")
                        .param("hash", hash(ticket))
                        .param("tenant", member.tenantId().value())
                        .param("user", member.userId().value())
                        .param("expires", at(clock.instant().plus(TICKET_LIFETIME)))
                        .update());
        return ticket;
    }

    /** Redeems a ticket once; empty when unknown, used or expired. */
    Optional<Viewer> redeem(String ticket) {
        if (!wellFormed(ticket)) {
            return Optional.empty();
        }
        record Claimed(UUID tenant, UUID user) {}
        Optional<Claimed> claimed = TenantContext.callAsSystem(() -> Optional.ofNullable(transactions.execute(status ->
                jdbc.sql("UPDATE queue.ws_tickets SET used_at = :now WHERE token_hash = :hash AND used_at IS NULL"
                                + " AND expires_at > :now RETURNING tenant_id, user_id")
                        .param("hash", hash(ticket))
                        .param("now", at(clock.instant()))
                        .query((rs, n) -> new Claimed(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)))
                        .optional()
                        .orElse(null))));
        return claimed.flatMap(c -> TenantContext.callAs(
                        new TenantId(c.tenant()), () -> staff.member(new TenantId(c.tenant()), new UserId(c.user())))
                .filter(StaffDirectory.Member::active)
                .map(m -> viewerOf(new TenantId(c.tenant()), m.id(), m.roles(), "user " + m.id().value())));
    }

    Viewer viewerOf(Staff member) {
        return viewerOf(
                member.tenantId(),
                member.userId(),
                member.roles(),
                "user " + member.userId().value());
    }

    private static Viewer viewerOf(TenantId tenant, UserId user, Set<BranchRole> roles, String label) {
        boolean admin = roles.stream().anyMatch(r -> r.role() == Role.ADMIN);
        return new Viewer(
                tenant,
                user.value(),
                null,
                roles.stream().map(BranchRole::branchId).collect(java.util.stream.Collectors.toSet()),
                admin,
                label);
    }

    /** A display token as listed to administrators (never the token itself). */
    public record DisplayToken(UUID id, UUID branchId, String name, Instant createdAt, @Nullable Instant revokedAt) {}

    /** A new display token: its id and the token, which is shown this once. */
    public record NewDisplayToken(UUID id, String token) {}

    /** Creates a display token for a branch of the caller's organization (in their tenant scope). */
    public NewDisplayToken createDisplay(
            TenantId tenant, @Nullable UUID branch, @Nullable String name, @Nullable UUID by, AuditActor actor) {
        if (branch == null || staff.branch(tenant, new BranchId(branch)).isEmpty()) {
            throw QueueException.invalid("branchId", "unknown-branch", "is not a branch of this clinic");
        }
        String label = name == null ? "" : name.strip();
        if (label.isEmpty() || label.length() > 100 || label.chars().anyMatch(Character::isISOControl)) {
            throw QueueException.invalid("name", "malformed-name", "must be 1 to 100 characters");
        }
        String token = token();
        UUID id = UUID.randomUUID();
        transactions.executeWithoutResult(status -> {
            jdbc.sql(
                            "INSERT INTO queue.display_tokens (id, tenant_id, branch_id, name, token_hash, created_at, created_by)"
                                    + " VALUES (:id, :tenant, :branch, :name, :hash, :now, :by)")
                    .param("id", id)
                    .param("tenant", tenant.value())
                    .param("branch", branch)
                    .param("name", label)
                    .param("hash", hash(token))
                    .param("now", at(clock.instant()))
                    .param("by", by)
                    .update();
            audit.record(AuditEvent.of(
                    tenant.value(),
                    actor,
                    "queue.display_token_created",
                    "display_token",
                    id.toString(),
                    AuditOutcome.SUCCESS));
        });
        return new NewDisplayToken(id, token);
    }

    public List<DisplayToken> displays(TenantId tenant) {
        return java.util.Objects.requireNonNull(transactions.execute(
                status -> jdbc.sql("SELECT id, branch_id, name, created_at, revoked_at FROM queue.display_tokens"
                                + " WHERE tenant_id = :tenant ORDER BY created_at")
                        .param("tenant", tenant.value())
                        .query((rs, n) -> new DisplayToken(
                                rs.getObject(1, UUID.class),
                                rs.getObject(2, UUID.class),
                                rs.getString(3),
                                rs.getObject(4, OffsetDateTime.class).toInstant(),
                                Optional.ofNullable(rs.getObject(5, OffsetDateTime.class))
                                        .map(OffsetDateTime::toInstant)
                                        .orElse(null)))
                        .list()));
    }

    public void revokeDisplay(TenantId tenant, UUID id, AuditActor actor) {
        transactions.executeWithoutResult(status -> {
            int changed = jdbc.sql(
                            "UPDATE queue.display_tokens SET revoked_at = :now WHERE tenant_id = :tenant AND id = :id"
                                    + " AND revoked_at IS NULL")
                    .param("now", at(clock.instant()))
                    .param("tenant", tenant.value())
                    .param("id", id)
                    .update();
            if (changed == 0) {
                throw QueueException.notFound("display token");
            }
            audit.record(AuditEvent.of(
                    tenant.value(),
                    actor,
                    "queue.display_token_revoked",
                    "display_token",
                    id.toString(),
                    AuditOutcome.SUCCESS));
        });
    }

    /** The display a token opens, unless unknown or revoked. */
    Optional<Viewer> display(String token) {
        if (!wellFormed(token)) {
            return Optional.empty();
        }
        return TenantContext.callAsSystem(() -> Optional.ofNullable(transactions.execute(status -> jdbc.sql(
                        "SELECT id, tenant_id, branch_id FROM queue.display_tokens WHERE token_hash = :hash AND revoked_at IS NULL")
                .param("hash", hash(token))
                .query((rs, n) -> new Viewer(
                        new TenantId(rs.getObject(2, UUID.class)),
                        null,
                        rs.getObject(1, UUID.class),
                        Set.of(new BranchId(rs.getObject(3, UUID.class))),
                        false,
                        "display " + rs.getObject(1, UUID.class)))
                .optional()
                .orElse(null))));
    }

    /** Whether a display's token still stands (checked at every heartbeat, so a revocation ends its connections). */
    boolean displayActive(UUID displayId) {
        return Boolean.TRUE.equals(TenantContext.callAsSystem(() -> transactions.execute(
                status -> jdbc.sql("SELECT count(*) FROM queue.display_tokens WHERE id = :id AND revoked_at IS NULL")
                                .param("id", displayId)
                                .query(Long.class)
                                .single()
                        > 0)));
    }

    private String token() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static boolean wellFormed(@Nullable String token) {
        return token != null && token.matches("[A-Za-z0-9_-]{43}");
    }

    static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
