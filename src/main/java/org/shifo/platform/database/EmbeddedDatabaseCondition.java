package org.shifo.platform.database;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when no external database URL is configured. */
final class EmbeddedDatabaseCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return embedded(context.getEnvironment());
    }

    static boolean embedded(Environment environment) {
        String url = environment.getProperty("shifo.database.url");
        return url == null || url.isBlank();
    }
}
