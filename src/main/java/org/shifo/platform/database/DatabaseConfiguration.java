package org.shifo.platform.database;

import com.zaxxer.hikari.HikariDataSource;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.shifo.platform.PlatformSettings;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The one DataSource: the external PostgreSQL named by {@code SHIFO_DATABASE_URL}, or else the embedded
 * server, ready before the pool so Flyway and every module find it ready. The embedded server is
 * normally already starting by the time this configuration is processed (see {@link
 * EarlyEmbeddedPostgresStart}); its bean waits for it.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    @Conditional(EmbeddedDatabaseCondition.class)
    EmbeddedPostgresServer embeddedPostgresServer(
            PlatformSettings settings, ObjectProvider<EmbeddedPostgresStartup> earlyStart) {
        EmbeddedPostgresStartup startup = earlyStart.getIfAvailable();
        if (startup != null) {
            if (startup.serves(settings.dataDir())) {
                return startup.claim();
            }
            startup.destroy(); // started for another directory than the one bound now: not ours to use
        }
        return EmbeddedPostgresServer.start(settings.dataDir());
    }

    /** Who connects: the owner runs migrations, the application role runs the application. */
    record Credentials(String url, @Nullable String username, @Nullable String password) {}

    static Credentials owner(PlatformSettings settings, @Nullable EmbeddedPostgresServer server) {
        if (server != null) {
            return new Credentials(server.jdbcUrl(), server.username(), null);
        }
        PlatformSettings.Database database = settings.database();
        return new Credentials(required(database.url()), database.username(), database.password());
    }

    static Credentials application(PlatformSettings settings, @Nullable EmbeddedPostgresServer server) {
        if (server != null) {
            return new Credentials(server.appJdbcUrl(), server.appUsername(), null);
        }
        PlatformSettings.Database database = settings.database();
        String appUsername = database.appUsername();
        if (appUsername == null || appUsername.isBlank()) {
            return owner(settings, null);
        }
        return new Credentials(required(database.url()), appUsername, database.appPassword());
    }

    /**
     * Flyway connects as the owner (the application's pool is the runtime role, which may not change the
     * schema) and tells the migrations which role to grant row access to ({@code ${app_role}}).
     */
    @Bean
    FlywayConfigurationCustomizer ownerRunsMigrations(
            PlatformSettings settings, ObjectProvider<EmbeddedPostgresServer> embedded) {
        return configuration -> {
            EmbeddedPostgresServer server = embedded.getIfAvailable();
            Credentials owner = owner(settings, server);
            Credentials application = application(settings, server);
            configuration.dataSource(owner.url(), owner.username(), owner.password());
            Map<String, String> placeholders = new HashMap<>(configuration.getPlaceholders());
            placeholders.put("app_role", application.username() == null ? "" : application.username());
            configuration.placeholders(placeholders);
        };
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(
            PlatformSettings settings,
            DataSourceProperties properties,
            ObjectProvider<EmbeddedPostgresServer> embedded) {
        Credentials application = application(settings, embedded.getIfAvailable());
        properties.setUrl(application.url());
        properties.setUsername(application.username());
        properties.setPassword(application.password());
        HikariDataSource dataSource = properties
                .initializeDataSourceBuilder()
                .type(HikariDataSource.class)
                .build();
        dataSource.setPoolName("shifo");
        return dataSource;
    }

    private static String required(@Nullable String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("SHIFO_DATABASE_URL is blank and no embedded database was started");
        }
        return url;
    }
}
