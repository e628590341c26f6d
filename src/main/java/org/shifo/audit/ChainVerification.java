package org.shifo.audit;

import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The result of recomputing one tenant's chain.
 *
 * @param tenantId whose chain
 * @param entriesChecked how many entries were verified before the first break (all of them when intact)
 * @param firstBreak the first entry that fails, or null when the whole chain holds
 * @param checkpoint the checkpoint the chain was compared with, or null when it had none
 */
public record ChainVerification(
        UUID tenantId, long entriesChecked, @Nullable ChainBreak firstBreak, @Nullable AuditCheckpoint checkpoint) {

    public ChainVerification {
        Objects.requireNonNull(tenantId, "tenantId");
    }

    public boolean isIntact() {
        return firstBreak == null;
    }
}
