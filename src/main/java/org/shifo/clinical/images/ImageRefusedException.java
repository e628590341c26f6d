package org.shifo.clinical.images;

import java.util.List;

/**
 * An uploaded file that is not stored: not an image, a type Shifo does not take, too large, too many pixels, or
 * unreadable. Nothing of it is kept. The message names the reason only, never the file's content or name.
 */
public class ImageRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why, with the HTTP status the API answers. */
    public enum Reason {
        /** No file, or an empty one. */
        EMPTY(400, "empty"),
        /** The bytes are not an image at all (text, HTML, PDF, an archive, ...), whatever the name says. */
        NOT_AN_IMAGE(415, "not-an-image"),
        /** An image type other than JPEG, PNG, WebP (and HEIC where decodable). */
        UNSUPPORTED_TYPE(415, "unsupported-type"),
        /** HEIC/HEIF, which this Java runtime cannot decode: the user should export the photo as JPEG. */
        HEIC_NOT_DECODABLE(415, "heic-not-decodable"),
        /** Larger than {@code shifo.images.max-size}. */
        TOO_LARGE(413, "too-large"),
        /** Declares more pixels than {@code shifo.images.max-pixels} (a decompression bomb, or just too big). */
        TOO_MANY_PIXELS(422, "too-many-pixels"),
        /** Claims to be a supported image but cannot be decoded. */
        UNREADABLE(422, "unreadable");

        private final int status;
        private final String code;

        Reason(int status, String code) {
            this.status = status;
            this.code = code;
        }

        public int status() {
            return status;
        }

        public String code() {
            return code;
        }
    }

    private final Reason reason;
    private final List<Object> arguments;

    public ImageRefusedException(Reason reason, Object... arguments) {
        super("image refused: " + reason.code());
        this.reason = reason;
        this.arguments = List.of(arguments);
    }

    public Reason reason() {
        return reason;
    }

    /** Values for the message ({@code clinical.images.refused.<code>}): the limit, the detected type. */
    public List<Object> arguments() {
        return arguments;
    }
}
