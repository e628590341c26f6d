package org.shifo.platform.database;

import java.nio.file.Path;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Starts the embedded PostgreSQL as soon as the application's environment is final (every property
 * source and initializer applied, the context not yet refreshed), so that it starts concurrently with
 * the context instead of after most of it. The {@code embeddedPostgresServer} bean then claims it; when
 * this listener did not run (a context built without {@code SpringApplication}) that bean starts the
 * server itself, as before. {@code shifo.database.early-start=false} turns the overlap off.
 */
final class EarlyEmbeddedPostgresStart implements ApplicationListener<ApplicationPreparedEvent> {

    @Override
    public void onApplicationEvent(ApplicationPreparedEvent event) {
        ConfigurableApplicationContext context = event.getApplicationContext();
        ConfigurableEnvironment environment = context.getEnvironment();
        if (!EmbeddedDatabaseCondition.embedded(environment)
                || !environment.getProperty("shifo.database.early-start", Boolean.class, true)
                || !(context.getBeanFactory() instanceof DefaultSingletonBeanRegistry registry)
                || context.getBeanFactory().containsSingleton(EmbeddedPostgresStartup.BEAN_NAME)) {
            return;
        }
        Path dataDir =
                Binder.get(environment).bind("shifo.data-dir", Path.class).orElseGet(() -> Path.of("./data"));
        EmbeddedPostgresStartup startup = EmbeddedPostgresStartup.begin(dataDir);
        ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
        beanFactory.registerSingleton(EmbeddedPostgresStartup.BEAN_NAME, startup);
        // registered first, so destroyed last: after the pool and the embeddedPostgresServer bean
        registry.registerDisposableBean(EmbeddedPostgresStartup.BEAN_NAME, startup);
    }
}
