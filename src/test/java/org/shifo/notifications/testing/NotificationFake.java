package org.shifo.notifications.testing;

import java.util.Map;

/** A local stand-in for a notification provider, shared by every integration test of the JVM. */
public interface NotificationFake {

    /** The application properties that point the application at this fake. */
    Map<String, Object> properties();

    /** Forgets calls, scripts and limits: called before every integration test class. */
    void reset();
}
