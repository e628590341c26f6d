package org.shifo.audit;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** A page of entries, newest first, and the cursor of the next page (null on the last page). */
public record AuditPage(List<AuditEntry> entries, @Nullable AuditCursor next) {

    public AuditPage {
        entries = List.copyOf(entries);
    }

    public boolean hasNext() {
        return next != null;
    }
}
