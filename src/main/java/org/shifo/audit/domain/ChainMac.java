package org.shifo.audit.domain;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.shifo.platform.SecretKeys;

/**
 * HMAC-SHA-256 over an entry's canonical encoding, its chain index and the previous entry's MAC, with a key
 * derived from the root secret. A keyed MAC rather than a plain hash: with a hash, anyone who can write to
 * the database could rewrite an entry and recompute every hash after it; without the key they cannot.
 */
public final class ChainMac {

    /** The {@link SecretKeys#derive(String)} purpose of the audit key. */
    public static final String KEY_PURPOSE = "audit-mac";

    public static final int LENGTH = 32;

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    public ChainMac(byte[] key) {
        if (key.length < LENGTH) {
            throw new IllegalArgumentException("the audit MAC key needs at least " + LENGTH + " bytes");
        }
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
    }

    public static ChainMac from(SecretKeys keys) {
        return new ChainMac(keys.derive(KEY_PURPOSE));
    }

    /** The previous MAC of a chain's first entry: 32 zero bytes. */
    public static byte[] genesis() {
        return new byte[LENGTH];
    }

    public byte[] compute(EntryContent content, long chainIndex, byte[] previousMac) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(CanonicalEncoding.encode(content, chainIndex, previousMac));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is not available", e);
        }
    }

    /** Whether two MACs are equal, in time that does not depend on where they differ. */
    public static boolean same(byte[] left, byte[] right) {
        return MessageDigest.isEqual(left, right);
    }
}
