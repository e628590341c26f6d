package org.shifo.notifications.testing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points the shared test context at the local notification providers (listed in {@code @IntegrationTest}); {@link
 * #resetAll} runs before every test class (CleanDatabaseExtension). A new fake is one more entry of {@code fakes()}.
 */
public final class NotificationFakesInitializer
        implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static List<NotificationFake> fakes() {
        return List.of(FakeTelegramServer.get(), FakeFcmServer.get());
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Map<String, Object> properties = new HashMap<>();
        fakes().forEach(fake -> properties.putAll(fake.properties()));
        context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource("shifo-notification-fakes", properties));
    }

    public static void resetAll() {
        fakes().forEach(NotificationFake::reset);
    }
}
