package org.shifo.audit;

import org.jspecify.annotations.Nullable;

/**
 * Which page of a search: up to {@code size} entries, newest first, after {@code after} (null for the
 * first page).
 */
public record AuditPageRequest(int size, @Nullable AuditCursor after) {

    public static final int MAX_SIZE = 500;

    public AuditPageRequest {
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("a page holds 1 to " + MAX_SIZE + " entries");
        }
    }

    public static AuditPageRequest first(int size) {
        return new AuditPageRequest(size, null);
    }

    public AuditPageRequest next(AuditCursor cursor) {
        return new AuditPageRequest(size, cursor);
    }
}
