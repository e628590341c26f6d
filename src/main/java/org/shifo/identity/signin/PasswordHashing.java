package org.shifo.identity.signin;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Argon2id with OWASP's baseline parameters (19 MiB memory, 2 iterations, 1 lane, 16-byte salt, 32-byte hash),
 * measured on the 2-core target in bench/README.md. Hashes made with older parameters are upgraded at the next
 * successful sign-in.
 */
@Component
public final class PasswordHashing {

    public static final int SALT_LENGTH = 16;
    public static final int HASH_LENGTH = 32;
    public static final int PARALLELISM = 1;
    public static final int MEMORY_KIB = 19 * 1024;
    public static final int ITERATIONS = 2;

    private final Argon2PasswordEncoder encoder =
            new Argon2PasswordEncoder(SALT_LENGTH, HASH_LENGTH, PARALLELISM, MEMORY_KIB, ITERATIONS);

    /** A hash of a random password: checked against when a username does not exist, so timing reveals nothing. */
    private volatile @org.jspecify.annotations.Nullable String decoy;

    public String hash(String password) {
        return java.util.Objects.requireNonNull(encoder.encode(password));
    }

    public boolean matches(String password, String hash) {
        return encoder.matches(password, hash);
    }

    public boolean needsRehash(String hash) {
        return encoder.upgradeEncoding(hash);
    }

    /** Spends the same time as a real check, for an unknown user. */
    public void matchDecoy(String password) {
        encoder.matches(password, decoy());
    }

    /** Made at the first unknown username rather than at start-up, where it would cost a hash of start time. */
    private String decoy() {
        String current = decoy;
        if (current == null) {
            current = hash(java.util.UUID.randomUUID().toString());
            decoy = current;
        }
        return current;
    }
}
