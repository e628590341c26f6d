package org.shifo.identity.accounts;

import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.identity.BranchId;
import org.shifo.identity.TenantId;
import org.shifo.identity.persistence.Organizations;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** An organization's branches. */
@Service
public class Branches {

    private final Organizations organizations;
    private final Clock clock;

    Branches(Organizations organizations, Clock clock) {
        this.organizations = organizations;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<Organizations.BranchRow> list(TenantId tenant) {
        return organizations.branches(tenant);
    }

    @Transactional
    public Organizations.BranchRow create(
            TenantId tenant, String name, @Nullable String address, @Nullable String timeZone) {
        String checkedName = StaffRules.name(name, "name");
        String checkedAddress = address == null ? "" : address.strip();
        if (checkedAddress.length() > 500
                || checkedAddress.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
            throw IdentityRuleException.invalid("address", "must be at most 500 characters of text");
        }
        ZoneId zone = StaffRules.timeZone(timeZone, "timeZone");
        BranchId id = new BranchId(UUID.randomUUID());
        try {
            organizations.insertBranch(id, tenant, checkedName, checkedAddress, zone, clock.instant());
        } catch (DuplicateKeyException e) {
            throw IdentityRuleException.conflict("branch-name-taken", "name", "is already the name of a branch");
        }
        return new Organizations.BranchRow(id, tenant, checkedName, checkedAddress, zone);
    }
}
