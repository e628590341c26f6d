package org.shifo.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shifo.ShifoApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Readiness must follow the database: a node whose PostgreSQL is gone must leave the load balancer's rotation
 * while it stays alive. This starts its own application on its own database, which it then stops.
 */
class ReadinessIntegrationTests {

    @TempDir
    Path dataDir;

    @Test
    void turnsNotReadyButStaysAliveWhenTheDatabaseGoesAway() throws Exception {
        EmbeddedPostgres postgres =
                EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
        try (ConfigurableApplicationContext application = new SpringApplicationBuilder(ShifoApplication.class)
                        .profiles("test")
                        // arguments, not builder properties: those are defaults that application.properties overrides
                        .run(
                                "--server.port=0",
                                "--shifo.data-dir=" + dataDir,
                                "--shifo.database.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                                "--shifo.database.username=postgres",
                                "--spring.datasource.hikari.connection-timeout=1000",
                                "--spring.datasource.hikari.validation-timeout=500");
                HttpClient http = HttpClient.newHttpClient()) {
            int port =
                    ((WebServerApplicationContext) application).getWebServer().getPort();

            assertThat(get(http, port, "/actuator/health/readiness").statusCode())
                    .isEqualTo(200);

            postgres.close();

            HttpResponse<String> readiness = get(http, port, "/actuator/health/readiness");
            assertThat(readiness.statusCode()).isEqualTo(503);
            assertThat(readiness.body()).contains("\"status\":\"DOWN\"");
            assertThat(get(http, port, "/actuator/health/liveness").statusCode())
                    .isEqualTo(200);
        } finally {
            postgres.close();
        }
    }

    private static HttpResponse<String> get(HttpClient http, int port, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
