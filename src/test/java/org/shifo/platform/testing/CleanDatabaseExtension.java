package org.shifo.platform.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Gives each integration test class empty tables and real time, whatever the classes before it left behind. */
public final class CleanDatabaseExtension implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        TestDatabase.get().clean();
        TestClock.reset();
    }
}
