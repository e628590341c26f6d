package org.shifo.platform;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.crypto.encrypt.Encryptors;
import org.springframework.security.crypto.encrypt.TextEncryptor;
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

    /**
     * Encrypts short secrets stored in the database (TOTP secrets, payment providers' keys) with AES-256-GCM under
     * the key derived for {@code purpose}; {@code salt} names the use, so that existing ciphertexts stay readable.
     * Every ciphertext carries its own random nonce.
     */
    public TextEncryptor encryptor(String purpose, String salt) {
        HexFormat hex = HexFormat.of();
        return Encryptors.delux(hex.formatHex(derive(purpose)), hex.formatHex(salt.getBytes(StandardCharsets.UTF_8)));
    }

    /** HMAC-SHA-256 of {@code data} under the key derived for {@code purpose}, in hex: a lookup key for secrets. */
    public String mac(String purpose, String data) {
        return HexFormat.of().formatHex(hmac(derive(purpose), data.getBytes(StandardCharsets.UTF_8)));
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
