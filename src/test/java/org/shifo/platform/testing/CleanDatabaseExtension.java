package org.shifo.platform.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.shifo.notifications.testing.NotificationFakesInitializer;

/**
 * Gives each integration test class empty tables, real time and fresh notification fakes, whatever the classes before
 * it left behind.
 */
public final class CleanDatabaseExtension implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        TestDatabase.get().clean();
        TestClock.reset();
        NotificationFakesInitializer.resetAll();
    }
}
