package org.shifo.clinical.images;

import java.util.List;

/** The fields of an upload that are missing or break a rule; nothing was stored. */
public class ImageInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** One field and its rule, {@code clinical.images.field.<code>} in the bundles. */
    public record Violation(String field, String code, List<Object> arguments) {}

    private final List<Violation> violations;

    public ImageInputException(List<Violation> violations) {
        super("invalid image upload: "
                + violations.stream().map(Violation::field).toList());
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
