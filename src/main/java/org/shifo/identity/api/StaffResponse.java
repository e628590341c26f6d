package org.shifo.identity.api;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.identity.domain.StaffAccount;

/** A staff account as the API shows it: never the password hash, the second-factor secret or failure details. */
record StaffResponse(
        UUID id,
        String username,
        String fullName,
        @Nullable String email,
        @Nullable String phone,
        String language,
        String status,
        boolean locked,
        boolean mfaEnrolled,
        List<RoleResponse> roles) {

    record RoleResponse(UUID branchId, String role) {}

    static StaffResponse from(StaffAccount account, java.time.Instant now) {
        return new StaffResponse(
                account.id().value(),
                account.username(),
                account.fullName(),
                account.email(),
                account.phone(),
                account.language(),
                account.status().name(),
                account.isLocked(now),
                account.isMfaEnrolled(),
                account.roles().stream()
                        .map(role -> new RoleResponse(
                                role.branchId().value(), role.role().name()))
                        .sorted(java.util.Comparator.comparing(RoleResponse::role)
                                .thenComparing(r -> r.branchId().toString()))
                        .toList());
    }
}
