package org.shifo.identity;

import java.util.Objects;
import java.util.UUID;

/** The id of a staff user. */
public record UserId(UUID value) implements java.io.Serializable {

    @java.io.Serial
    private static final long serialVersionUID = 1L;

    public UserId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
