package org.shifo.identity;

import java.util.Objects;

/** A role held in one branch: a doctor in the Chilonzor branch, a cashier in Yunusobod. */
public record BranchRole(BranchId branchId, Role role) implements java.io.Serializable {

    @java.io.Serial
    private static final long serialVersionUID = 1L;

    public BranchRole {
        Objects.requireNonNull(branchId, "branchId");
        Objects.requireNonNull(role, "role");
    }
}
