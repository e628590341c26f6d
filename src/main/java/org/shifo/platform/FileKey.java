package org.shifo.platform;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The opaque name under which a {@link FileStore} keeps one file: lower-case letters, digits, {@code -} and
 * single {@code /} separators, never {@code ..}, at most 200 characters. Modules store it as text and hand it
 * back; they never build one from user input.
 */
public record FileKey(String value) {

    private static final Pattern FORMAT = Pattern.compile("^[a-z0-9][a-z0-9-]{0,99}(/[a-z0-9][a-z0-9-]{0,99}){0,3}$");

    public FileKey {
        Objects.requireNonNull(value, "value");
        if (value.length() > 200 || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("not a file key");
        }
    }
}
