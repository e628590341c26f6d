package org.shifo.identity.accounts;

import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.shifo.identity.BranchRole;

/** What is needed to create a staff account; validated by {@link StaffAdministration}. */
public record NewStaffMember(
        String username,
        String fullName,
        @Nullable String email,
        @Nullable String phone,
        String language,
        String password,
        Set<BranchRole> roles) {}
