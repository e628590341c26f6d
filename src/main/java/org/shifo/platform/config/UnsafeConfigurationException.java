package org.shifo.platform.config;

/** Thrown at start-up when the production profile meets a missing, published or weak setting. */
public final class UnsafeConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UnsafeConfigurationException(String reason) {
        super(reason);
    }
}
