package org.shifo.patients;

import java.util.Objects;
import java.util.UUID;

/** The id of a patient record; other modules keep it to refer to a patient. */
public record PatientId(UUID value) implements java.io.Serializable {

    @java.io.Serial
    private static final long serialVersionUID = 1L;

    public PatientId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
