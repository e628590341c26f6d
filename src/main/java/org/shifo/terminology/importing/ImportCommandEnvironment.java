package org.shifo.terminology.importing;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts the import command ({@code shifo.terminology.import.file} given) on a random port of the loopback
 * interface, like the audit verification, so it can run beside a serving node without fighting over its port and
 * without being reachable from outside.
 */
final class ImportCommandEnvironment implements EnvironmentPostProcessor {

    static final String PROPERTY = "shifo.terminology.import.file";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String file = environment.getProperty(PROPERTY);
        if (file != null && !file.isBlank()) {
            environment
                    .getPropertySources()
                    .addFirst(new MapPropertySource(
                            "shifo-terminology-import", Map.of("server.port", "0", "server.address", "127.0.0.1")));
        }
    }
}
