package org.shifo.identity;

import java.util.Objects;
import java.util.UUID;

/** The id of an organization, which is the tenant of every business row. */
public record TenantId(UUID value) implements java.io.Serializable {

    @java.io.Serial
    private static final long serialVersionUID = 1L;

    public TenantId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
