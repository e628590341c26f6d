package org.shifo.audit.jobs;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts a verification run ({@code shifo.audit.verify-and-exit=true}) on a random port of the loopback
 * interface, so it can run beside a serving node on the same host without fighting over its port and
 * without being reachable from outside. (Not without a web server: the modules' web security configuration
 * needs one.)
 */
final class VerifyAndExitEnvironment implements EnvironmentPostProcessor {

    static final String PROPERTY = "shifo.audit.verify-and-exit";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getProperty(PROPERTY, Boolean.class, false)) {
            environment
                    .getPropertySources()
                    .addFirst(new MapPropertySource(
                            "shifo-audit-verify-and-exit", Map.of("server.port", "0", "server.address", "127.0.0.1")));
        }
    }
}
