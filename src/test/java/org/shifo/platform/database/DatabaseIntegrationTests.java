package org.shifo.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.shifo.platform.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class DatabaseIntegrationTests {

    @Autowired
    JdbcClient jdbc;

    @Test
    void migrationsEnableTheExtensionsTheDesignNeeds() {
        List<String> extensions =
                jdbc.sql("SELECT extname FROM pg_extension").query(String.class).list();

        assertThat(extensions).contains("btree_gist", "pg_trgm", "pgcrypto");
    }

    @Test
    void createsTheEventPublicationRegistryThroughFlyway() {
        Integer tables = jdbc.sql(
                        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'event_publication'")
                .query(Integer.class)
                .single();

        assertThat(tables).isEqualTo(1);
    }
}
