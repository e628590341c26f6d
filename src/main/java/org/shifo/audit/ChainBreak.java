package org.shifo.audit;

import java.util.Objects;

/**
 * Where and why a tenant's chain first fails verification.
 *
 * @param chainIndex the position of the first entry that cannot be trusted (for a missing entry or a
 *     cut-off tail, the first position that is gone)
 */
public record ChainBreak(long chainIndex, BreakReason reason) {

    public ChainBreak {
        if (chainIndex < 1) {
            throw new IllegalArgumentException("chain indexes start at 1");
        }
        Objects.requireNonNull(reason, "reason");
    }
}
