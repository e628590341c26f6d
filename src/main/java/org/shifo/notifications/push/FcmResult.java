package org.shifo.notifications.push;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** What FCM made of one send (spec 2.4, 2.5), with a short reason code for the delivery row. */
sealed interface FcmResult {

    /** Accepted: {@code name} is {@code projects/{project}/messages/{id}}. */
    record Accepted(String name) implements FcmResult {}

    /** Never retry unchanged; with {@code tokenDead} the registration token is gone and its device is removed. */
    record Rejected(String reason, boolean tokenDead) implements FcmResult {}

    /** Retry: not before {@code after} when FCM said so (or the spec's minimum), else with back-off. */
    record Later(String reason, @Nullable Duration after) implements FcmResult {}
}
