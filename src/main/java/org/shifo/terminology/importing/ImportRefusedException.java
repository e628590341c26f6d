package org.shifo.terminology.importing;

import java.util.List;

/**
 * An import request that cannot be accepted, nothing stored: the form field, a stable code, an English message and
 * its arguments (for the translations). A 400 when the field cannot be read, a 422 when it is refused.
 */
public final class ImportRefusedException extends RuntimeException {

    private final String field;
    private final String code;
    private final List<Object> arguments;
    private final boolean refusal;

    ImportRefusedException(String field, String code, String message, boolean refusal, Object... arguments) {
        super(message);
        this.field = field;
        this.code = code;
        this.refusal = refusal;
        this.arguments = List.of(arguments);
    }

    public String field() {
        return field;
    }

    public String code() {
        return code;
    }

    public List<Object> arguments() {
        return arguments;
    }

    /** True for a well-formed request the rules refuse (422), false for one that cannot be read (400). */
    public boolean isRefusal() {
        return refusal;
    }
}
