package org.shifo.clinical.images;

import java.time.Duration;

/** The staff member uploaded too many images in the last minute ({@code shifo.rate-limits.image-upload}). */
public class UploadThrottledException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Duration wait;

    public UploadThrottledException(Duration wait) {
        super("too many image uploads");
        this.wait = wait;
    }

    /** The wait in whole seconds, at least one (for {@code Retry-After}). */
    public long retryAfterSeconds() {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }
}
