package org.shifo.notifications.push;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.shifo.audit.AuditEvent;
import org.shifo.audit.AuditLog;
import org.shifo.audit.AuditOutcome;
import org.shifo.identity.CurrentUser;
import org.shifo.identity.Staff;
import org.shifo.identity.TenantId;
import org.shifo.notifications.rules.NotificationRuleException;
import org.shifo.notifications.rules.Violation;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The signed-in staff member's push devices: register (idempotent per token within the organization: the same
 * token again only moves to the caller and is marked seen), list, unregister. Patients' devices wait for a
 * patient sign-in (docs/notifications.md, "Push").
 */
@Service
public class DeviceRegistry {

    /** The platforms a registration token may come from. */
    public static final Set<String> PLATFORMS = Set.of("ANDROID", "IOS", "WEB");

    static final int MIN_TOKEN = 20;
    static final int MAX_TOKEN = 4096;

    /** FCM registration tokens are URL-safe text: letters, digits and {@code : _ - .}. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9:_.\\-]+");

    private final Devices devices;
    private final AuditLog audit;
    private final Clock clock;

    DeviceRegistry(Devices devices, AuditLog audit, Clock clock) {
        this.devices = devices;
        this.audit = audit;
        this.clock = clock;
    }

    /** A device as its owner sees it (the token is not repeated). */
    public record Device(UUID id, String platform, Instant registeredAt, Instant lastSeenAt) {}

    /** The device, and whether this registration created it (or found the token already known). */
    public record Registration(Device device, boolean created) {}

    @Transactional
    public Registration register(@Nullable String token, @Nullable String platform) {
        List<Violation> violations = new ArrayList<>();
        String checkedToken = checkToken(token, violations);
        String checkedPlatform = checkPlatform(platform, violations);
        NotificationRuleException.throwIfAny(violations);
        Staff staff = CurrentUser.get();
        Instant now = clock.instant();
        Devices.Registered registered = devices.register(
                staff.tenantId().value(),
                uuidV7(now),
                java.util.Objects.requireNonNull(checkedToken),
                java.util.Objects.requireNonNull(checkedPlatform),
                staff.userId().value(),
                now);
        audit.record(AuditEvent.of(
                        staff.tenantId().value(),
                        CurrentUser.auditActor("notifications"),
                        registered.created() ? "notifications.device.register" : "notifications.device.seen",
                        "device",
                        registered.device().id().toString(),
                        AuditOutcome.SUCCESS)
                .withDetail("platform", registered.device().platform()));
        return new Registration(device(registered.device()), registered.created());
    }

    @Transactional(readOnly = true)
    public List<Device> mine() {
        Staff staff = CurrentUser.get();
        return devices.ofStaff(staff.tenantId().value(), staff.userId().value()).stream()
                .map(DeviceRegistry::device)
                .toList();
    }

    /**
     * Unregisters the caller's device named by its id or by its token; {@code false} when the caller has no such
     * device (another member's device, or another organization's, is "no such device").
     */
    @Transactional
    public boolean unregister(String tokenOrId) {
        Staff staff = CurrentUser.get();
        UUID id = null;
        try {
            id = UUID.fromString(tokenOrId);
        } catch (IllegalArgumentException notAnId) {
            // a registration token
        }
        List<UUID> removed =
                devices.unregister(staff.tenantId().value(), staff.userId().value(), id, tokenOrId);
        for (UUID device : removed) {
            audit.record(AuditEvent.of(
                    staff.tenantId().value(),
                    CurrentUser.auditActor("notifications"),
                    "notifications.device.unregister",
                    "device",
                    device.toString(),
                    AuditOutcome.SUCCESS));
        }
        return !removed.isEmpty();
    }

    /** The registration token of a device of {@code tenant}, unless it was unregistered or found dead. */
    @Transactional(readOnly = true)
    public Optional<String> tokenOf(TenantId tenant, UUID deviceId) {
        return devices.find(tenant.value(), deviceId).map(Devices.Row::token);
    }

    private static @Nullable String checkToken(@Nullable String token, List<Violation> violations) {
        if (token == null || token.isBlank()) {
            violations.add(Violation.of("token", "device.token.required", "is required"));
            return null;
        }
        if (token.length() < MIN_TOKEN || token.length() > MAX_TOKEN) {
            violations.add(Violation.of(
                    "token",
                    "device.token.length",
                    "must be " + MIN_TOKEN + " to " + MAX_TOKEN + " characters long",
                    String.valueOf(MIN_TOKEN),
                    String.valueOf(MAX_TOKEN)));
            return null;
        }
        if (!TOKEN.matcher(token).matches()) {
            violations.add(Violation.of(
                    "token", "device.token.format", "may contain only letters, digits and the characters : _ - ."));
            return null;
        }
        return token;
    }

    private static @Nullable String checkPlatform(@Nullable String platform, List<Violation> violations) {
        if (platform == null || platform.isBlank()) {
            violations.add(Violation.of("platform", "device.platform.required", "is required"));
            return null;
        }
        String upper = platform.trim().toUpperCase(Locale.ROOT);
        if (!PLATFORMS.contains(upper)) {
            violations.add(Violation.of("platform", "device.platform.known", "must be one of ANDROID, IOS, WEB"));
            return null;
        }
        return upper;
    }

    private static Device device(Devices.Row row) {
        return new Device(row.id(), row.platform(), row.registeredAt(), row.lastSeenAt());
    }

    /** A time-ordered UUID (version 7). */
    static UUID uuidV7(Instant now) {
        UUID random = UUID.randomUUID();
        long high = (now.toEpochMilli() << 16) | 0x7000L | (random.getMostSignificantBits() & 0x0FFFL);
        return new UUID(high, random.getLeastSignificantBits());
    }
}
