package org.shifo.audit;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * Where a page of the trail ended: the last entry's time and sequence number. Pages are keyset-paged newest
 * first, so a page stays correct while new entries arrive. {@link #encode()} gives an opaque token for a URL.
 */
public record AuditCursor(Instant occurredAt, long seq) {

    public AuditCursor {
        Objects.requireNonNull(occurredAt, "occurredAt");
    }

    public String encode() {
        String plain = occurredAt.getEpochSecond() + "." + occurredAt.getNano() + "." + seq;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }

    /** Reads a token made by {@link #encode()}; throws {@link IllegalArgumentException} on anything else. */
    public static AuditCursor decode(String token) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
            String[] parts = plain.split("\\.", -1);
            if (parts.length != 3) {
                throw new IllegalArgumentException("not an audit cursor");
            }
            return new AuditCursor(
                    Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])),
                    Long.parseLong(parts[2]));
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new IllegalArgumentException("not an audit cursor", e);
        }
    }
}
