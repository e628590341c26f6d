package org.shifo.platform.testing;

import java.util.HashMap;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** Points the application under test at the test database, before any bean is created. */
public final class TestDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestDatabase database = TestDatabase.get();
        Map<String, Object> properties = new HashMap<>();
        properties.put("shifo.database.url", database.url());
        properties.put("shifo.database.username", database.username());
        String appUsername = database.appUsername();
        if (appUsername != null) {
            properties.put("shifo.database.app-username", appUsername);
        }
        String password = database.password();
        if (password != null) {
            properties.put("shifo.database.password", password);
        }
        context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource("shifo-test-database", properties));
    }
}
