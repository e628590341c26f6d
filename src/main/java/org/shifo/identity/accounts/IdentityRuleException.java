package org.shifo.identity.accounts;

import java.util.List;
import org.shifo.platform.Problems.FieldError;

/** A request that breaks a rule of identity (weak password, taken username, unknown branch): a 4xx naming fields. */
public final class IdentityRuleException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** How the rule answers: validation (400) or conflict (409). */
    public enum Kind {
        INVALID,
        CONFLICT
    }

    private final Kind kind;
    private final String slug;
    private final transient List<FieldError> errors;

    public IdentityRuleException(Kind kind, String slug, List<FieldError> errors) {
        super(slug);
        this.kind = kind;
        this.slug = slug;
        this.errors = List.copyOf(errors);
    }

    public static IdentityRuleException invalid(String field, String message) {
        return new IdentityRuleException(Kind.INVALID, "validation", List.of(new FieldError(field, message)));
    }

    public static IdentityRuleException conflict(String slug, String field, String message) {
        return new IdentityRuleException(Kind.CONFLICT, slug, List.of(new FieldError(field, message)));
    }

    public Kind kind() {
        return kind;
    }

    public String slug() {
        return slug;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
