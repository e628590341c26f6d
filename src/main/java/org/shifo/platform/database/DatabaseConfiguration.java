package org.shifo.platform.database;

import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;
import org.shifo.platform.PlatformSettings;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
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

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(
            PlatformSettings settings,
            DataSourceProperties properties,
            ObjectProvider<EmbeddedPostgresServer> embedded) {
        PlatformSettings.Database database = settings.database();
        EmbeddedPostgresServer server = embedded.getIfAvailable();
        String url = server != null ? server.jdbcUrl() : required(database.url());
        String username = server != null ? server.username() : database.username();
        String password = server != null ? null : database.password();
        properties.setUrl(url);
        properties.setUsername(username);
        properties.setPassword(password);
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
