package org.shifo.identity;

import java.util.Objects;
import java.util.UUID;

/** The id of a staff user. */
public record UserId(UUID value) {

    public UserId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
