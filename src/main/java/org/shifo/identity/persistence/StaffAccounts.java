package org.shifo.identity.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.identity.BranchId;
import org.shifo.identity.BranchRole;
import org.shifo.identity.Role;
import org.shifo.identity.TenantId;
import org.shifo.identity.UserId;
import org.shifo.identity.domain.StaffAccount;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Staff accounts and their branch roles, in {@code identity.users} and {@code identity.user_roles}. */
@Repository
public class StaffAccounts {

    private static final String COLUMNS =
            """
            id, tenant_id, username, full_name, email, phone, language, password_hash, status, operator,
            mfa_secret, mfa_enrolled_at, mfa_last_used_step, failed_logins, first_failed_at, last_failed_at,
            locked_until, version
            """;

    private final JdbcClient jdbc;

    StaffAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Sign-in looks a user up before the tenant is known: the caller runs in the system scope. */
    public Optional<StaffAccount> findByUsernameAcrossTenants(String username) {
        Optional<Row> row = jdbc.sql("SELECT " + COLUMNS + " FROM identity.users WHERE username = :username")
                .param("username", username)
                .query(StaffAccounts::row)
                .optional();
        return row.map(this::withRoles);
    }

    public Optional<StaffAccount> find(TenantId tenant, UserId id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM identity.users WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", tenant.value())
                .param("id", id.value())
                .query(StaffAccounts::row)
                .optional()
                .map(this::withRoles);
    }

    /** The full names of these staff members (those of the tenant only), in one query. */
    public Map<UUID, String> fullNames(TenantId tenant, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<UUID, String> names = new HashMap<>();
        jdbc.sql("SELECT id, full_name FROM identity.users WHERE tenant_id = :tenant AND id = ANY(:ids)")
                .param("tenant", tenant.value())
                .param("ids", ids.toArray(UUID[]::new))
                .query((rs, n) -> names.put(rs.getObject("id", UUID.class), rs.getString("full_name")))
                .list();
        return names;
    }

    public boolean existsUsername(String username) {
        // usernames are unique across the installation, so this asks across tenants (caller in system scope)
        return jdbc.sql("SELECT count(*) FROM identity.users WHERE username = :username")
                        .param("username", username)
                        .query(Long.class)
                        .single()
                > 0;
    }

    public List<StaffAccount> list(TenantId tenant) {
        List<Row> rows = jdbc.sql(
                        "SELECT " + COLUMNS + " FROM identity.users WHERE tenant_id = :tenant ORDER BY username")
                .param("tenant", tenant.value())
                .query(StaffAccounts::row)
                .list();
        Map<UUID, Set<BranchRole>> roles = rolesOf(tenant);
        List<StaffAccount> accounts = new ArrayList<>(rows.size());
        for (Row row : rows) {
            accounts.add(row.toAccount(roles.getOrDefault(row.id, Set.of())));
        }
        return accounts;
    }

    public void insert(StaffAccount account, Instant now) {
        jdbc.sql(
                        """
                        INSERT INTO identity.users (id, tenant_id, username, full_name, email, phone, language,
                            password_hash, status, operator, password_changed_at, created_at)
                        VALUES (:id, :tenant, :username, :fullName, :email, :phone, :language,
                            :passwordHash, :status, :operator, :now, :now)
                        """)
                .param("id", account.id().value())
                .param("tenant", account.tenantId().value())
                .param("username", account.username())
                .param("fullName", account.fullName())
                .param("email", account.email())
                .param("phone", account.phone())
                .param("language", account.language())
                .param("passwordHash", account.passwordHash())
                .param("status", account.status().name())
                .param("operator", account.isOperator())
                .param("now", Timestamp.from(now))
                .update();
        saveRoles(account);
    }

    /** Saves every change; fails with an optimistic-lock error when someone else saved in between. */
    public void update(StaffAccount account) {
        int updated = jdbc.sql(
                        """
                        UPDATE identity.users SET full_name = :fullName, email = :email, phone = :phone,
                            language = :language, password_hash = :passwordHash, status = :status,
                            mfa_secret = :mfaSecret, mfa_enrolled_at = :mfaEnrolledAt,
                            mfa_last_used_step = :mfaLastUsedStep, failed_logins = :failed,
                            first_failed_at = :firstFailedAt, last_failed_at = :lastFailedAt,
                            locked_until = :lockedUntil, version = version + 1
                        WHERE tenant_id = :tenant AND id = :id AND version = :version
                        """)
                .param("fullName", account.fullName())
                .param("email", account.email())
                .param("phone", account.phone())
                .param("language", account.language())
                .param("passwordHash", account.passwordHash())
                .param("status", account.status().name())
                .param("mfaSecret", account.mfaSecret())
                .param("mfaEnrolledAt", timestamp(account.mfaEnrolledAt()))
                .param("mfaLastUsedStep", account.mfaLastUsedStep())
                .param("failed", account.failedSignIns())
                .param("firstFailedAt", timestamp(account.firstFailedAt()))
                .param("lastFailedAt", timestamp(account.lastFailedAt()))
                .param("lockedUntil", timestamp(account.lockedUntil()))
                .param("tenant", account.tenantId().value())
                .param("id", account.id().value())
                .param("version", account.version())
                .update();
        if (updated != 1) {
            throw new OptimisticLockingFailureException("Staff account " + account.id() + " was changed concurrently");
        }
    }

    public void saveRoles(StaffAccount account) {
        jdbc.sql("DELETE FROM identity.user_roles WHERE tenant_id = :tenant AND user_id = :id")
                .param("tenant", account.tenantId().value())
                .param("id", account.id().value())
                .update();
        for (BranchRole role : account.roles()) {
            jdbc.sql(
                            """
                            INSERT INTO identity.user_roles (tenant_id, user_id, branch_id, role)
                            VALUES (:tenant, :user, :branch, :role)
                            """)
                    .param("tenant", account.tenantId().value())
                    .param("user", account.id().value())
                    .param("branch", role.branchId().value())
                    .param("role", role.role().name())
                    .update();
        }
    }

    public long countAll() {
        return jdbc.sql("SELECT count(*) FROM identity.users").query(Long.class).single();
    }

    private StaffAccount withRoles(Row row) {
        Set<BranchRole> roles = new HashSet<>(jdbc.sql(
                        "SELECT branch_id, role FROM identity.user_roles WHERE tenant_id = :tenant AND user_id = :id")
                .param("tenant", row.tenantId)
                .param("id", row.id)
                .query((rs, n) -> new BranchRole(
                        new BranchId(rs.getObject("branch_id", UUID.class)), Role.valueOf(rs.getString("role"))))
                .list());
        return row.toAccount(roles);
    }

    private Map<UUID, Set<BranchRole>> rolesOf(TenantId tenant) {
        Map<UUID, Set<BranchRole>> roles = new HashMap<>();
        jdbc.sql("SELECT user_id, branch_id, role FROM identity.user_roles WHERE tenant_id = :tenant")
                .param("tenant", tenant.value())
                .query(rs -> {
                    roles.computeIfAbsent(rs.getObject("user_id", UUID.class), id -> new HashSet<>())
                            .add(new BranchRole(
                                    new BranchId(rs.getObject("branch_id", UUID.class)),
                                    Role.valueOf(rs.getString("role"))));
                });
        return roles;
    }

    private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static Row row(ResultSet rs, int rowNum) throws SQLException {
        long step = rs.getLong("mfa_last_used_step");
        Long lastStep = rs.wasNull() ? null : step;
        return new Row(
                rs.getObject("id", UUID.class),
                rs.getObject("tenant_id", UUID.class),
                rs.getString("username"),
                rs.getString("full_name"),
                rs.getString("email"),
                rs.getString("phone"),
                rs.getString("language"),
                rs.getString("password_hash"),
                StaffAccount.Status.valueOf(rs.getString("status")),
                rs.getBoolean("operator"),
                rs.getString("mfa_secret"),
                instant(rs, "mfa_enrolled_at"),
                lastStep,
                rs.getInt("failed_logins"),
                instant(rs, "first_failed_at"),
                instant(rs, "last_failed_at"),
                instant(rs, "locked_until"),
                rs.getInt("version"));
    }

    private record Row(
            UUID id,
            UUID tenantId,
            String username,
            String fullName,
            @Nullable String email,
            @Nullable String phone,
            String language,
            String passwordHash,
            StaffAccount.Status status,
            boolean operator,
            @Nullable String mfaSecret,
            @Nullable Instant mfaEnrolledAt,
            @Nullable Long mfaLastUsedStep,
            int failed,
            @Nullable Instant firstFailedAt,
            @Nullable Instant lastFailedAt,
            @Nullable Instant lockedUntil,
            int version) {

        StaffAccount toAccount(Set<BranchRole> roles) {
            return new StaffAccount(
                    new UserId(id),
                    new TenantId(tenantId),
                    username,
                    fullName,
                    email,
                    phone,
                    language,
                    passwordHash,
                    status,
                    operator,
                    mfaSecret,
                    mfaEnrolledAt,
                    mfaLastUsedStep,
                    failed,
                    firstFailedAt,
                    lastFailedAt,
                    lockedUntil,
                    roles,
                    version);
        }
    }
}
