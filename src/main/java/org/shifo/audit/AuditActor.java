package org.shifo.audit;

import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Who did the audited thing: a signed-in user (a staff member or an API client, by its id in {@code identity}
 * and the name shown at the time), a part of the system acting on its own (a scheduled job), or an
 * unauthenticated caller (for example a failed login).
 */
public sealed interface AuditActor permits AuditActor.User, AuditActor.SystemProcess, AuditActor.Anonymous {

    /** The name stored for every anonymous actor. */
    String ANONYMOUS_NAME = "anonymous";

    static User user(UUID id, String displayName) {
        return new User(id, displayName);
    }

    static SystemProcess system(String name) {
        return new SystemProcess(name);
    }

    static Anonymous anonymous() {
        return new Anonymous();
    }

    /** The name stored with the entry, so the trail reads the same after a user is renamed. */
    String displayName();

    /**
     * A signed-in user.
     *
     * @param id the user's id in {@code identity}
     * @param displayName the user's name at the time: 1 to 200 characters, no control characters
     */
    record User(UUID id, String displayName) implements AuditActor {

        private static final Pattern NO_CONTROL_CHARACTERS = Pattern.compile("[^\\p{Cntrl}]{1,200}");

        public User {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(displayName, "displayName");
            if (displayName.isBlank()
                    || !NO_CONTROL_CHARACTERS.matcher(displayName).matches()) {
                throw new IllegalArgumentException(
                        "a user's display name must be 1 to 200 characters without control characters");
            }
        }
    }

    /**
     * A part of Shifo acting on its own.
     *
     * @param name a lower-case code such as {@code audit-sealer} or {@code billing-reconciliation}
     */
    record SystemProcess(String name) implements AuditActor {

        private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,63}");

        public SystemProcess {
            Objects.requireNonNull(name, "name");
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("a system actor's name must match " + NAME.pattern());
            }
        }

        @Override
        public String displayName() {
            return name;
        }
    }

    /** A caller that has not (or not successfully) authenticated. */
    record Anonymous() implements AuditActor {

        @Override
        public String displayName() {
            return ANONYMOUS_NAME;
        }
    }
}
