package org.shifo.audit.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Links unsealed entries into their tenants' chains. */
public final class ChainSealing {

    private ChainSealing() {}

    /**
     * Seals {@code unsealed}, taken in the order given (the sealer reads them by seq), each as its tenant's
     * next entry after {@code heads} (a tenant without a head starts a new chain at index 1).
     */
    public static List<Seal> seal(List<EntryContent> unsealed, Map<UUID, ChainHead> heads, ChainMac mac) {
        Map<UUID, ChainHead> current = new HashMap<>(heads);
        List<Seal> seals = new ArrayList<>(unsealed.size());
        for (EntryContent entry : unsealed) {
            ChainHead head = current.getOrDefault(entry.tenantId(), ChainHead.empty());
            long chainIndex = head.chainIndex() + 1;
            byte[] entryMac = mac.compute(entry, chainIndex, head.mac());
            seals.add(new Seal(entry.seq(), entry.tenantId(), chainIndex, head.mac(), entryMac));
            current.put(entry.tenantId(), new ChainHead(chainIndex, entryMac));
        }
        return seals;
    }
}
