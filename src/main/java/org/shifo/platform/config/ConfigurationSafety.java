package org.shifo.platform.config;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The rules a production configuration must pass. Each failure is one sentence naming the setting and
 * the reason, printed as the single line the operator reads when the server refuses to start.
 */
public final class ConfigurationSafety {

    /** Shortest acceptable root secret: 32 bytes, the size of one HMAC-SHA-256 key. */
    public static final int MIN_SECRET_BYTES = 32;

    /**
     * Secret-key values that appear in Shifo's own files (examples in the documentation and in
     * {@code .env.example}). They are public, so they are refused in production; a test keeps this list in
     * step with the files.
     */
    static final Set<String> PUBLISHED_SECRET_VALUES = Set.of(
            "change-me-to-64-random-characters-from-openssl-rand-base64-48",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "changeme",
            "secret");

    private ConfigurationSafety() {}

    /** Checks the root secret; an empty result means it is acceptable. */
    public static Optional<String> checkSecretKey(@Nullable String secretKey) {
        if (secretKey == null || secretKey.isBlank()) {
            return Optional.of("SHIFO_SECRET_KEY is not set: production needs a random secret of at least "
                    + MIN_SECRET_BYTES + " bytes (for example: openssl rand -base64 48)");
        }
        String value = secretKey.strip();
        if (PUBLISHED_SECRET_VALUES.contains(value)) {
            return Optional.of("SHIFO_SECRET_KEY is a value published in Shifo's own files, so anyone can know it:"
                    + " generate a new one (for example: openssl rand -base64 48)");
        }
        if (value.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            return Optional.of("SHIFO_SECRET_KEY is shorter than " + MIN_SECRET_BYTES
                    + " bytes: generate a longer one (for example: openssl rand -base64 48)");
        }
        if (value.chars().distinct().count() < 8) {
            return Optional.of("SHIFO_SECRET_KEY repeats too few distinct characters to be random:"
                    + " generate one (for example: openssl rand -base64 48)");
        }
        return Optional.empty();
    }

    /** Checks the CORS origins; an empty result means they are acceptable. */
    public static Optional<String> checkCorsOrigins(List<String> allowedOrigins) {
        if (allowedOrigins.stream().map(String::strip).anyMatch(origin -> origin.contains("*"))) {
            return Optional.of("SHIFO_CORS_ALLOWED_ORIGINS allows '*': production must name each allowed origin"
                    + " (for example https://clinic.example.uz)");
        }
        return Optional.empty();
    }
}
