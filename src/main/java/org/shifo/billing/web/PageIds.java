package org.shifo.billing.web;

import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** Ids in page addresses and forms: anything that is not one is the 404 page, never a 500. */
final class PageIds {

    private PageIds() {}

    static UUID uuid(@Nullable String value) {
        if (value == null || value.length() != 36) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException malformed) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }

    static @Nullable UUID optional(@Nullable String value) {
        return value == null || value.isBlank() ? null : uuid(value);
    }
}
