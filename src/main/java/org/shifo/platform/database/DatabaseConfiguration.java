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
 * server, started before the pool so Flyway and every module find it ready.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    @Conditional(EmbeddedDatabaseCondition.class)
    EmbeddedPostgresServer embeddedPostgresServer(PlatformSettings settings) {
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
