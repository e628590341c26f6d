package org.shifo.platform;

import java.util.Objects;

/**
 * A route that reads its request body itself, with its own smaller cap and its own answer to a body over it (a
 * payment provider's callback answers in the provider's protocol, never with the platform's 413). Declared as a
 * bean by the module that owns the route; the platform's JSON body limit leaves that exact path alone.
 *
 * @param path the request path, exactly (no pattern)
 */
public record OwnBodyLimit(String path) {
    public OwnBodyLimit {
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("a path starts with /");
        }
    }
}
