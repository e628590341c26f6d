package org.shifo.platform;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Installation-wide settings of the platform, bound from {@code SHIFO_*} environment variables.
 *
 * @param dataDir where the embedded database, the generated development key and uploaded files live
 * @param database an external PostgreSQL; when its URL is blank the embedded server starts
 * @param secretKey the root secret from which every signing and encryption key is derived
 * @param cors origins allowed to call the JSON API from a browser
 * @param api limits of the JSON API
 * @param metrics who may read {@code /actuator/prometheus}
 */
@ConfigurationProperties("shifo")
@Validated
public record PlatformSettings(
        @DefaultValue("./data") @NotNull Path dataDir,
        @DefaultValue @Valid Database database,
        @Nullable String secretKey,
        @DefaultValue @Valid Cors cors,
        @DefaultValue @Valid Api api,
        @DefaultValue @Valid Metrics metrics) {

    /**
     * An external PostgreSQL server; blank {@code url} means the embedded one. {@code username} owns the
     * schema and runs the migrations; {@code appUsername}, when given, is the role the application runs as
     * (it may read and write rows but owns nothing, so it cannot disable the audit trail's triggers or
     * row-level security). Without it the owner runs the application too, which is weaker.
     */
    public record Database(
            @Nullable String url,
            @Nullable String username,
            @Nullable String password,
            @Nullable String appUsername,
            @Nullable String appPassword) {

        public boolean isExternal() {
            return url != null && !url.isBlank();
        }
    }

    /** Browser origins allowed to call {@code /api/**}; empty means same-origin only. */
    public record Cors(@DefaultValue List<String> allowedOrigins) {}

    /** Limits of the JSON API. */
    public record Api(@DefaultValue("1MB") DataSize maxJsonBodySize) {}

    /** The operator credential for metrics; loopback callers need none. */
    public record Metrics(@Nullable String token) {}
}
