package org.shifo.audit.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class VerifyAndExitEnvironmentTests {

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("given", properties));
        new VerifyAndExitEnvironment().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }

    @Test
    void movesAVerificationRunToARandomLoopbackPort() {
        StandardEnvironment environment =
                environment(Map.of("shifo.audit.verify-and-exit", "true", "server.port", "8080"));

        assertThat(environment.getProperty("server.port")).isEqualTo("0");
        assertThat(environment.getProperty("server.address")).isEqualTo("127.0.0.1");
    }

    @Test
    void leavesAServingNodeAlone() {
        StandardEnvironment environment = environment(Map.of("server.port", "8080"));

        assertThat(environment.getProperty("server.port")).isEqualTo("8080");
        assertThat(environment.getProperty("server.address")).isNull();
    }
}
