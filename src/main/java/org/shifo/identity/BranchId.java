package org.shifo.identity;

import java.util.Objects;
import java.util.UUID;

/** The id of a branch of an organization. */
public record BranchId(UUID value) implements java.io.Serializable {

    @java.io.Serial
    private static final long serialVersionUID = 1L;

    public BranchId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
