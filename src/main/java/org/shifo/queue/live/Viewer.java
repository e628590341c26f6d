package org.shifo.queue.live;

import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.identity.BranchId;
import org.shifo.identity.TenantId;

/**
 * Who is on the other end of a live connection: a staff member (all branches if an administrator, else those
 * they hold a role in) or a lobby display (one branch, read-only). {@code label} names them in logs without
 * revealing any secret.
 */
record Viewer(
        TenantId tenant,
        @Nullable UUID userId,
        @Nullable UUID displayId,
        Set<BranchId> branches,
        boolean allBranches,
        String label) {

    Viewer {
        branches = Set.copyOf(branches);
    }

    boolean sees(UUID branch) {
        return allBranches || branches.contains(new BranchId(branch));
    }

    boolean isDisplay() {
        return displayId != null;
    }
}
