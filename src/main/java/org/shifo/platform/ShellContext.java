package org.shifo.platform;

import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;

/**
 * What the page shell shows about the current request's user and branch. The {@code identity} module provides
 * the real implementation as a bean; without one, the shell shows no user, no branch and the default time zone.
 * Implementations are called on every page render, on the request's thread, and must be cheap.
 */
public interface ShellContext {

    /** The time zone of a branch that has not chosen one: Uzbekistan's. */
    ZoneId DEFAULT_TIME_ZONE = ZoneId.of("Asia/Tashkent");

    /** The shell of a request with no signed-in user. */
    static ShellContext signedOut() {
        return new ShellContext() {};
    }

    /** The display name of the signed-in user, empty when nobody is signed in. */
    default Optional<String> userDisplayName() {
        return Optional.empty();
    }

    /** The name of the branch the user works in, empty when there is none. */
    default Optional<String> branchName() {
        return Optional.empty();
    }

    /** The roles of the signed-in user, used only to choose which navigation entries to show. */
    default Set<String> roles() {
        return Set.of();
    }

    /** The time zone dates and times are shown in: the branch's. */
    default ZoneId timeZone() {
        return DEFAULT_TIME_ZONE;
    }
}
