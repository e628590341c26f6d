package org.shifo.notifications.push;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.ServiceAccountCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * OAuth2 access tokens for FCM (spec 2.2): the service account's signed JWT exchanged at the token endpoint by
 * google-auth-library, cached here against the application's {@link Clock} and refreshed five minutes before
 * expiry, or at once when FCM answers 401 to the cached one. One refresh at a time; the token is never logged.
 */
@Component
class FcmAccessTokens {

    static final String SCOPE = "https://www.googleapis.com/auth/firebase.messaging";

    /** A token this close to its expiry is replaced before use. */
    static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);

    private final @Nullable ServiceAccountCredentials credentials;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile @Nullable Cached cached;

    private record Cached(String value, Instant expiresAt) {}

    FcmAccessTokens(FcmSettings settings, Clock clock) {
        this.clock = clock;
        this.credentials = settings.isEnabled() ? load(settings) : null;
    }

    private static ServiceAccountCredentials load(FcmSettings settings) {
        try (InputStream in = Files.newInputStream(java.util.Objects.requireNonNull(settings.credentialsFile()))) {
            ServiceAccountCredentials.Builder builder = ServiceAccountCredentials.fromStream(in).toBuilder()
                    .setScopes(List.of(SCOPE))
                    .setDefaultRetriesEnabled(false);
            if (settings.tokenUri() != null) {
                builder.setTokenServerUri(settings.tokenUri());
            }
            return builder.build();
        } catch (IOException | RuntimeException e) {
            // the message names the setting, never the file's content
            throw new IllegalStateException(
                    "shifo.notifications.fcm.credentials-file is not a readable service account key file", e);
        }
    }

    /** A valid access token, from the cache or freshly obtained. */
    String current() {
        Cached token = cached;
        if (token != null && clock.instant().isBefore(token.expiresAt().minus(REFRESH_MARGIN))) {
            return token.value();
        }
        return refreshUnless(token == null ? null : token.value(), false);
    }

    /**
     * A new token because FCM refused {@code rejected}; when another thread already replaced it, that newer
     * token.
     */
    String replace(String rejected) {
        return refreshUnless(rejected, true);
    }

    private String refreshUnless(@Nullable String seen, boolean force) {
        lock.lock();
        try {
            Cached token = cached;
            if (token != null && !token.value().equals(seen)) {
                return token.value();
            }
            if (token != null
                    && !force
                    && clock.instant().isBefore(token.expiresAt().minus(REFRESH_MARGIN))) {
                return token.value();
            }
            Cached fresh = obtain();
            cached = fresh;
            return fresh.value();
        } finally {
            lock.unlock();
        }
    }

    private Cached obtain() {
        ServiceAccountCredentials account = credentials;
        if (account == null) {
            throw new FcmAuthException("FCM_NOT_CONFIGURED", null);
        }
        try {
            AccessToken token = account.refreshAccessToken();
            Date expiry = token.getExpirationTime();
            // the library dates the token by the system clock; the cache keeps the lifetime on the application's
            Duration lifetime = expiry == null
                    ? Duration.ofMinutes(10)
                    : Duration.ofMillis(Math.max(0, expiry.getTime() - System.currentTimeMillis()));
            return new Cached(token.getTokenValue(), clock.instant().plus(lifetime));
        } catch (IOException e) {
            throw new FcmAuthException("FCM_OAUTH", e);
        } catch (UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            throw new FcmAuthException("FCM_OAUTH", e);
        }
    }

    /** Obtaining a token failed; {@code reason} is a short code for the delivery row. */
    static final class FcmAuthException extends RuntimeException {

        private final String reason;

        FcmAuthException(String reason, @Nullable Throwable cause) {
            super(reason, cause);
            this.reason = reason;
        }

        String reason() {
            return reason;
        }
    }
}
