package org.shifo.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shifo.ShifoApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.mock.env.MockEnvironment;

class ProductionConfigurationTests {

    private static final String GOOD_KEY = "q8Vn2rT5xW1zB4cE7gJ0mP3sU6yA9dF2hK5nQ8tV1wZ4bD7=";

    private static MockEnvironment production(String... properties) {
        MockEnvironment environment = new MockEnvironment();
        environment.setActiveProfiles("production");
        for (int i = 0; i < properties.length; i += 2) {
            environment.setProperty(properties[i], properties[i + 1]);
        }
        return environment;
    }

    private static void process(MockEnvironment environment) {
        new SecretKeyEnvironmentPostProcessor(new DeferredLogs())
                .postProcessEnvironment(environment, new SpringApplication());
    }

    @Nested
    class InProduction {

        @Test
        void refusesAMissingSecretKey() {
            assertThatThrownBy(() -> process(production()))
                    .isInstanceOf(UnsafeConfigurationException.class)
                    .hasMessageStartingWith("SHIFO_SECRET_KEY is not set");
        }

        @Test
        void refusesAShortSecretKey() {
            assertThatThrownBy(() -> process(production("shifo.secret-key", "short-but-not-32-bytes")))
                    .isInstanceOf(UnsafeConfigurationException.class)
                    .hasMessageContaining("shorter than 32 bytes");
        }

        @Test
        void refusesAKeyOfRepeatedCharacters() {
            assertThatThrownBy(() -> process(production("shifo.secret-key", "ab".repeat(40))))
                    .isInstanceOf(UnsafeConfigurationException.class)
                    .hasMessageContaining("SHIFO_SECRET_KEY");
        }

        @Test
        void refusesEverySecretKeyPublishedInTheProjectsOwnFiles() throws Exception {
            List<String> published = publishedSecretValues();

            assertThat(published).isNotEmpty();
            for (String value : published) {
                assertThatThrownBy(() -> process(production("shifo.secret-key", value)))
                        .as(value)
                        .isInstanceOf(UnsafeConfigurationException.class)
                        .hasMessageContaining("published");
            }
        }

        @Test
        void refusesCorsOpenToEveryOrigin() {
            assertThatThrownBy(() ->
                            process(production("shifo.secret-key", GOOD_KEY, "shifo.cors.allowed-origins[0]", "*")))
                    .isInstanceOf(UnsafeConfigurationException.class)
                    .hasMessageStartingWith("SHIFO_CORS_ALLOWED_ORIGINS allows '*'");
        }

        @Test
        void acceptsAStrongKeyAndNamedOrigins() {
            MockEnvironment environment =
                    production("shifo.secret-key", GOOD_KEY, "shifo.cors.allowed-origins", "https://clinic.example.uz");

            process(environment);

            assertThat(environment.getProperty("shifo.secret-key")).isEqualTo(GOOD_KEY);
        }

        @Test
        void stopsTheWholeApplicationBeforeItTouchesADatabase() {
            SpringApplicationBuilder application =
                    new SpringApplicationBuilder(ShifoApplication.class).profiles("production");

            assertThatThrownBy(() -> application.run(
                            "--shifo.database.url=jdbc:postgresql://127.0.0.1:9/none", "--server.port=0"))
                    .isInstanceOf(UnsafeConfigurationException.class);
        }

        @Test
        void reportsTheRefusalInOneLineWithoutAStackTrace() {
            FailureAnalysis analysis = new UnsafeConfigurationFailureAnalyzer()
                    .analyze(new UnsafeConfigurationException("SHIFO_SECRET_KEY is not set: why"));

            assertThat(analysis.getDescription()).isEqualTo("Shifo refused to start: SHIFO_SECRET_KEY is not set: why");
            assertThat(analysis.getDescription()).doesNotContain("\n");
        }
    }

    @Nested
    class InDevelopment {

        @TempDir
        Path dataDir;

        @Test
        void generatesAKeyIntoTheDataDirectoryOnceAndReusesIt() throws Exception {
            MockEnvironment first = new MockEnvironment().withProperty("shifo.data-dir", dataDir.toString());
            MockEnvironment second = new MockEnvironment().withProperty("shifo.data-dir", dataDir.toString());

            process(first);
            process(second);

            Path file = dataDir.resolve("secret.key");
            assertThat(file).exists();
            assertThat(Files.getPosixFilePermissions(file))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            assertThat(first.getProperty("shifo.secret-key")).hasSizeGreaterThanOrEqualTo(64);
            assertThat(second.getProperty("shifo.secret-key")).isEqualTo(first.getProperty("shifo.secret-key"));
            assertThat(ConfigurationSafety.checkSecretKey(first.getProperty("shifo.secret-key")))
                    .isEmpty();
        }

        @Test
        void keepsAConfiguredKey() {
            MockEnvironment environment = new MockEnvironment()
                    .withProperty("shifo.data-dir", dataDir.toString())
                    .withProperty("shifo.secret-key", GOOD_KEY);

            process(environment);

            assertThat(environment.getProperty("shifo.secret-key")).isEqualTo(GOOD_KEY);
            assertThat(dataDir.resolve("secret.key")).doesNotExist();
        }
    }

    /** Every {@code SHIFO_SECRET_KEY=value} written in the project's example and documentation files. */
    private static List<String> publishedSecretValues() throws Exception {
        Pattern assignment = Pattern.compile("SHIFO_SECRET_KEY=([^\\s`'\"|]+)");
        List<Path> files;
        try (Stream<Path> docs = Files.exists(Path.of("docs")) ? Files.walk(Path.of("docs")) : Stream.empty()) {
            files = Stream.concat(
                            Stream.of(Path.of(".env.example"), Path.of("README.md")),
                            docs.filter(path -> path.toString().endsWith(".md")))
                    .filter(Files::isRegularFile)
                    .toList();
        }
        List<String> values = new java.util.ArrayList<>();
        for (Path file : files) {
            Matcher matcher = assignment.matcher(Files.readString(file));
            while (matcher.find()) {
                if (!matcher.group(1).startsWith("$")) {
                    values.add(matcher.group(1));
                }
            }
        }
        return values;
    }
}
