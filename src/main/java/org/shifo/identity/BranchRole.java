package org.shifo.identity;

import java.util.Objects;

/** A role held in one branch: a doctor in the Chilonzor branch, a cashier in Yunusobod. */
public record BranchRole(BranchId branchId, Role role) {

    public BranchRole {
        Objects.requireNonNull(branchId, "branchId");
        Objects.requireNonNull(role, "role");
    }
}
