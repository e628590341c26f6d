package org.shifo.clinical.images;

/**
 * The image, encounter or patient does not exist in the caller's organization (or was deleted): the same answer
 * either way, so another organization's ids reveal nothing.
 */
public class ImageNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What was looked for: {@code image}, {@code encounter} or {@code patient}. */
    private final String what;

    public ImageNotFoundException(String what) {
        super(what + " not found");
        this.what = what;
    }

    public String what() {
        return what;
    }
}
