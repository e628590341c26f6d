package org.shifo.identity;

import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The tenant a piece of work runs for. Inside a request it is the signed-in staff member's organization; code
 * that must act for a tenant without a request (a scheduled job) or across tenants by design (sign-in before
 * the organization is known, the audit sealer) says so explicitly with {@link #callAs} or {@link
 * #callAsSystem}.
 *
 * <p>Every transaction hands this scope to PostgreSQL when it begins ({@code shifo.tenant_id}, {@code
 * shifo.system}), where row-level security enforces it; so a scope must be entered <em>before</em> the
 * transaction that needs it starts.
 */
public final class TenantContext {

    private static final ThreadLocal<@Nullable Scope> EXPLICIT = new ThreadLocal<>();

    private TenantContext() {}

    /** The scope now in force: explicit if entered, else the signed-in staff member's tenant, else none. */
    public static Scope scope() {
        Scope explicit = EXPLICIT.get();
        if (explicit != null) {
            return explicit;
        }
        return CurrentUser.find().map(staff -> Scope.of(staff.tenantId())).orElse(Scope.NONE);
    }

    /** The tenant now in force, if any. */
    public static Optional<TenantId> current() {
        return Optional.ofNullable(scope().tenant());
    }

    /** The tenant now in force; fails if there is none, which is a programming error, not a user error. */
    public static TenantId require() {
        return current().orElseThrow(() -> new IllegalStateException("No tenant in scope"));
    }

    public static <T> T callAs(TenantId tenant, Supplier<T> work) {
        return within(Scope.of(tenant), work);
    }

    public static void runAs(TenantId tenant, Runnable work) {
        within(Scope.of(tenant), () -> {
            work.run();
            return Boolean.TRUE;
        });
    }

    /** Runs work that spans tenants by design; row-level security lets it see every tenant's rows. */
    public static <T> T callAsSystem(Supplier<T> work) {
        return within(Scope.SYSTEM, work);
    }

    public static void runAsSystem(Runnable work) {
        within(Scope.SYSTEM, () -> {
            work.run();
            return Boolean.TRUE;
        });
    }

    private static <T> T within(Scope scope, Supplier<T> work) {
        Scope previous = EXPLICIT.get();
        EXPLICIT.set(scope);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                EXPLICIT.remove();
            } else {
                EXPLICIT.set(previous);
            }
        }
    }

    /** A tenant, the system (all tenants), or nothing. */
    public record Scope(@Nullable TenantId tenant, boolean system) {

        public static final Scope NONE = new Scope(null, false);
        public static final Scope SYSTEM = new Scope(null, true);

        public static Scope of(TenantId tenant) {
            return new Scope(tenant, false);
        }
    }

    /** Reads the principal without depending on how it authenticated (session or bearer token). */
    static Optional<Staff> principalOf(@Nullable Authentication authentication) {
        if (authentication != null && authentication.getPrincipal() instanceof Staff staff) {
            return Optional.of(staff);
        }
        return Optional.empty();
    }

    static Optional<Staff> currentPrincipal() {
        return principalOf(SecurityContextHolder.getContext().getAuthentication());
    }
}
