package org.shifo.platform;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Derives purpose-bound keys from the root secret ({@code SHIFO_SECRET_KEY}) with HKDF-SHA-256 (RFC 5869),
 * so that the JWT signing key, the audit MAC key and the credential encryption key are independent: one
 * leaking reveals neither the root nor the others.
 */
@Component
public class SecretKeys {

    private static final String HMAC = "HmacSHA256";
    private static final byte[] SALT = "shifo/v1".getBytes(StandardCharsets.UTF_8);

    private final byte[] pseudoRandomKey;

    public SecretKeys(PlatformSettings settings) {
        String root = settings.secretKey();
        if (root == null || root.isBlank()) {
            throw new IllegalStateException("shifo.secret-key is not set");
        }
        this.pseudoRandomKey = hmac(SALT, root.strip().getBytes(StandardCharsets.UTF_8));
    }

    /** A 32-byte key for {@code purpose} (for example {@code "audit-mac"}); the same purpose gives the same key. */
    public byte[] derive(String purpose) {
        // HKDF-Expand with L = 32: one block, T(1) = HMAC(PRK, info || 0x01)
        byte[] info = purpose.getBytes(StandardCharsets.UTF_8);
        byte[] input = new byte[info.length + 1];
        System.arraycopy(info, 0, input, 0, info.length);
        input[info.length] = 1;
        return hmac(pseudoRandomKey, input);
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is not available", e);
        }
    }
}
