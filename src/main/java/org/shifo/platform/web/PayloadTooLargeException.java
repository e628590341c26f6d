package org.shifo.platform.web;

import java.io.IOException;

/** Raised while reading a request body that goes past the configured limit. */
final class PayloadTooLargeException extends IOException {

    private static final long serialVersionUID = 1L;

    private final long limitBytes;

    PayloadTooLargeException(long limitBytes) {
        super("The request body is larger than " + limitBytes + " bytes");
        this.limitBytes = limitBytes;
    }

    long limitBytes() {
        return limitBytes;
    }
}
