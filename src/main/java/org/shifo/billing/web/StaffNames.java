package org.shifo.billing.web;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.shifo.identity.StaffDirectory;
import org.shifo.identity.TenantId;
import org.shifo.identity.UserId;

/** The full names of the staff members a page names: one query for those ids, not the whole staff list. */
final class StaffNames {

    private StaffNames() {}

    static Map<UUID, String> of(StaffDirectory staff, TenantId tenant, Stream<@Nullable UUID> ids) {
        Map<UUID, String> names = new HashMap<>();
        Set<UserId> wanted = new HashSet<>();
        ids.forEach(id -> {
            if (id != null) {
                wanted.add(new UserId(id));
            }
        });
        staff.fullNames(tenant, wanted).forEach((id, name) -> names.put(id.value(), name));
        return names;
    }
}
