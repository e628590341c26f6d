package org.shifo.scheduling;

import java.util.Objects;
import java.util.UUID;

/** An appointment or walk-in visit. */
public record AppointmentId(UUID value) {

    public AppointmentId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
