package org.shifo.identity.domain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Shifo's password rules (NIST SP 800-63B style: length and a block-list, no composition rules): at least 12
 * characters, at most 128 (hashing cost), not the username, not one of the 10,000 most common passwords.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 128;

    private static final Set<String> COMMON = load();

    private PasswordPolicy() {}

    /** The first rule the password breaks, if any. */
    public static Optional<Violation> check(String password, String username) {
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            return Optional.of(Violation.TOO_SHORT);
        }
        if (length > MAX_LENGTH) {
            return Optional.of(Violation.TOO_LONG);
        }
        String folded = password.toLowerCase(Locale.ROOT);
        if (folded.equals(username.toLowerCase(Locale.ROOT))) {
            return Optional.of(Violation.SAME_AS_USERNAME);
        }
        if (COMMON.contains(folded)) {
            return Optional.of(Violation.TOO_COMMON);
        }
        return Optional.empty();
    }

    /** A broken rule, with a stable code and an English message that names it. */
    public enum Violation {
        TOO_SHORT("password.too-short", "must be at least " + MIN_LENGTH + " characters long"),
        TOO_LONG("password.too-long", "must be at most " + MAX_LENGTH + " characters long"),
        SAME_AS_USERNAME("password.same-as-username", "must not be the username"),
        TOO_COMMON("password.too-common", "is one of the 10,000 most common passwords; choose another");

        private final String code;
        private final String message;

        Violation(String code, String message) {
            this.code = code;
            this.message = message;
        }

        public String code() {
            return code;
        }

        public String message() {
            return message;
        }
    }

    static int commonPasswordCount() {
        return COMMON.size();
    }

    private static Set<String> load() {
        InputStream stream = PasswordPolicy.class.getResourceAsStream("/identity/common-passwords.txt");
        Objects.requireNonNull(stream, "identity/common-passwords.txt is missing from the classpath");
        Set<String> passwords = new HashSet<>(16_384);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    passwords.add(line.strip().toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(passwords);
    }
}
