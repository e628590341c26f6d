package org.shifo.audit;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A tenant's chain head at a moment: the number of entries the chain had and the MAC of the last one. Kept
 * outside the database (it is logged, and shown to administrators), it lets verification notice a chain
 * whose tail was cut off or that was rebuilt.
 *
 * @param entryCount the chain's length, which is also the chain index of its last entry
 * @param headMac the last entry's MAC, 64 lower-case hex digits
 */
public record AuditCheckpoint(UUID tenantId, Instant takenAt, long entryCount, String headMac) {

    private static final Pattern HEX_MAC = Pattern.compile("[0-9a-f]{64}");

    public AuditCheckpoint {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(takenAt, "takenAt");
        if (entryCount < 1) {
            throw new IllegalArgumentException("a checkpoint covers at least one entry");
        }
        if (!HEX_MAC.matcher(headMac).matches()) {
            throw new IllegalArgumentException("headMac must be 64 lower-case hex digits");
        }
    }
}
