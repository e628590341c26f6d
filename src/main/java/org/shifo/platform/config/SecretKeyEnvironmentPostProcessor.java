package org.shifo.platform.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Settles the root secret before anything else starts. In production a missing, published or weak
 * {@code SHIFO_SECRET_KEY}, or CORS open to {@code *}, stops the start with one line; in development a
 * missing key is generated once into the data directory and reused, so signed tokens survive restarts.
 */
final class SecretKeyEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String PRODUCTION_PROFILE = "production";
    static final String KEY_FILE = "secret.key";
    private static final String SECRET_PROPERTY = "shifo.secret-key";

    private final Log log;

    SecretKeyEnvironmentPostProcessor(DeferredLogFactory logFactory) {
        this.log = logFactory.getLog(SecretKeyEnvironmentPostProcessor.class);
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String secretKey = environment.getProperty(SECRET_PROPERTY);
        if (environment.matchesProfiles(PRODUCTION_PROFILE)) {
            ConfigurationSafety.checkSecretKey(secretKey).ifPresent(reason -> {
                throw new UnsafeConfigurationException(reason);
            });
            List<String> origins = Objects.requireNonNull(Binder.get(environment)
                    .bind("shifo.cors.allowed-origins", Bindable.listOf(String.class))
                    .orElseGet(List::of));
            ConfigurationSafety.checkCorsOrigins(origins).ifPresent(reason -> {
                throw new UnsafeConfigurationException(reason);
            });
            return;
        }
        if (secretKey == null || secretKey.isBlank()) {
            Path dataDir = Path.of(environment.getProperty("shifo.data-dir", "./data"));
            environment
                    .getPropertySources()
                    .addLast(new MapPropertySource(
                            "shifo-development-secret", Map.of(SECRET_PROPERTY, developmentKey(dataDir))));
        }
    }

    private String developmentKey(Path dataDir) {
        Path file = dataDir.resolve(KEY_FILE);
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.US_ASCII).strip();
            }
            Files.createDirectories(dataDir);
            byte[] random = new byte[48];
            new SecureRandom().nextBytes(random);
            String key = Base64.getEncoder().encodeToString(random);
            Files.writeString(file, key + "\n", StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the directory's own permissions apply
            }
            log.info("Development mode: generated a random secret key in "
                    + file.toAbsolutePath().normalize() + " (production needs SHIFO_SECRET_KEY)");
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or create the development key " + file, e);
        }
    }
}
