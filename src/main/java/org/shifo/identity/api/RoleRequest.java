package org.shifo.identity.api;

import jakarta.validation.constraints.NotNull;
import java.util.UUID;
import org.shifo.identity.BranchId;
import org.shifo.identity.BranchRole;
import org.shifo.identity.Role;

/** A role in a branch, as sent by a client. */
record RoleRequest(@NotNull UUID branchId, @NotNull Role role) {

    BranchRole toBranchRole() {
        return new BranchRole(new BranchId(branchId), role);
    }
}
