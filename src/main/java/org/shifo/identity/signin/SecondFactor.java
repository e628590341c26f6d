package org.shifo.identity.signin;

import dev.samstevens.totp.code.CodeGenerator;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import dev.samstevens.totp.secret.DefaultSecretGenerator;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.shifo.platform.SecretKeys;
import org.springframework.security.crypto.encrypt.TextEncryptor;
import org.springframework.stereotype.Component;

/**
 * TOTP (RFC 6238: SHA-1, 6 digits, 30-second steps, as every authenticator app expects) and recovery codes.
 * Secrets are stored encrypted (AES-GCM, key derived from {@code SHIFO_SECRET_KEY}); a code is accepted within
 * one step either side of now, and only once: the step it matched must be later than the last one used.
 */
@Component
public final class SecondFactor {

    static final int PERIOD_SECONDS = 30;
    static final int DIGITS = 6;
    static final int RECOVERY_CODES = 10;
    private static final String ISSUER = "Shifo";

    private final DefaultSecretGenerator secrets = new DefaultSecretGenerator(32);
    private final CodeGenerator codes = new DefaultCodeGenerator(HashingAlgorithm.SHA1, DIGITS);
    private final TextEncryptor encryptor;
    private final byte[] recoveryKey;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    SecondFactor(SecretKeys keys, Clock clock) {
        this.encryptor = keys.encryptor("totp-secret-encryption", "shifo-totp");
        this.recoveryKey = keys.derive("recovery-codes");
        this.clock = clock;
    }

    /** A new secret, base32 as authenticator apps take it. */
    public String newSecret() {
        return secrets.generate();
    }

    public String encrypt(String secret) {
        return encryptor.encrypt(secret);
    }

    public String decrypt(String encrypted) {
        return encryptor.decrypt(encrypted);
    }

    /** The {@code otpauth://} URI an authenticator app reads from the QR code. */
    public String otpauthUri(String secret, String username) {
        String label = URLEncoder.encode(ISSUER + ":" + username, StandardCharsets.UTF_8)
                .replace("+", "%20");
        return "otpauth://totp/" + label + "?secret=" + secret + "&issuer=" + ISSUER + "&algorithm=SHA1&digits="
                + DIGITS + "&period=" + PERIOD_SECONDS;
    }

    /** The QR code of an otpauth URI as a PNG. */
    public byte[] qrPng(String otpauthUri) {
        return org.shifo.platform.QrCodes.png(otpauthUri, 240);
    }

    /**
     * The time step the code matches (now, one before or one after), if any, and only if it is later than {@code
     * lastUsedStep}.
     */
    public OptionalLong matchingStep(String secret, String code, @org.jspecify.annotations.Nullable Long lastUsedStep) {
        String digits = code.replace(" ", "");
        if (!digits.matches("\\d{" + DIGITS + "}")) {
            return OptionalLong.empty();
        }
        long now = clock.instant().getEpochSecond() / PERIOD_SECONDS;
        for (long step = now - 1; step <= now + 1; step++) {
            if (lastUsedStep != null && step <= lastUsedStep) {
                continue;
            }
            if (MessageDigest.isEqual(generate(secret, step), digits.getBytes(StandardCharsets.US_ASCII))) {
                return OptionalLong.of(step);
            }
        }
        return OptionalLong.empty();
    }

    /** The code for a step: what an authenticator app shows (tests use it to play the app). */
    public String codeAt(String secret, long step) {
        return new String(generate(secret, step), StandardCharsets.US_ASCII);
    }

    public long currentStep() {
        return clock.instant().getEpochSecond() / PERIOD_SECONDS;
    }

    private byte[] generate(String secret, long step) {
        try {
            return codes.generate(secret, step).getBytes(StandardCharsets.US_ASCII);
        } catch (CodeGenerationException e) {
            throw new IllegalStateException("Could not compute a TOTP code", e);
        }
    }

    /** Ten fresh recovery codes ({@code xxxxx-xxxxx}, 50 bits each), to be shown once. */
    public List<String> newRecoveryCodes() {
        String alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        List<String> result = new ArrayList<>(RECOVERY_CODES);
        for (int i = 0; i < RECOVERY_CODES; i++) {
            StringBuilder code = new StringBuilder(11);
            for (int c = 0; c < 10; c++) {
                if (c == 5) {
                    code.append('-');
                }
                code.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            result.add(code.toString());
        }
        return result;
    }

    /** The keyed hash a recovery code is stored as (case and spaces do not matter). */
    public byte[] recoveryHash(String code) {
        String normalized = code.strip().toLowerCase(Locale.ROOT).replace(" ", "");
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(recoveryKey, "HmacSHA256"));
            return mac.doFinal(normalized.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A data: URI of the QR code, for an img tag. */
    public String qrDataUri(String otpauthUri) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(qrPng(otpauthUri));
    }
}
