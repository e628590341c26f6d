package org.shifo.notifications.push;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Firebase Cloud Messaging ({@code shifo.notifications.fcm.*}, docs/configuration.md). Push is on when a project
 * id and a service account key file are set; without them no push row is created and the devices API still
 * registers devices.
 *
 * @param baseUrl where the HTTP v1 API is ({@code {baseUrl}/v1/projects/{projectId}/messages:send})
 * @param projectId the Firebase project id
 * @param credentialsFile the service account's JSON key file (read once at start; its content is never logged)
 * @param tokenUri the OAuth2 token endpoint, when not the key file's {@code token_uri} (tests point it at a fake)
 * @param timeout the longest wait for one answer of FCM or of the token endpoint
 * @param callTtl how long a queue call stays deliverable (spec 2.3: short, the latest call of a queue collapses
 *     the earlier ones)
 * @param alertTtl how long a critical-result alert stays deliverable
 */
@ConfigurationProperties("shifo.notifications.fcm")
@Validated
public record FcmSettings(
        @DefaultValue("https://fcm.googleapis.com") @NotNull URI baseUrl,
        @Nullable String projectId,
        @Nullable Path credentialsFile,
        @Nullable URI tokenUri,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("5m") Duration callTtl,
        @DefaultValue("4h") Duration alertTtl) {

    /** Whether push can be sent: a project and a key are configured. */
    public boolean isEnabled() {
        return projectId != null && !projectId.isBlank() && credentialsFile != null;
    }
}
