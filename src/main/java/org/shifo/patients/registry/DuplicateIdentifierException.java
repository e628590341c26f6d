package org.shifo.patients.registry;

import org.shifo.patients.PatientId;
import org.shifo.patients.domain.IdentifierType;

/** An identifier of the new or edited record already belongs to another record of the organization. */
public final class DuplicateIdentifierException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final IdentifierType type;
    private final PatientId existing;

    public DuplicateIdentifierException(String field, IdentifierType type, PatientId existing) {
        super("identifier in use", null, false, false);
        this.field = field;
        this.type = type;
        this.existing = existing;
    }

    public String field() {
        return field;
    }

    public IdentifierType type() {
        return type;
    }

    public PatientId existing() {
        return existing;
    }
}
