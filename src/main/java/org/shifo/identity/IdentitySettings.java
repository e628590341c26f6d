package org.shifo.identity;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the identity module.
 *
 * @param publicUrl the address people use to reach this installation, for the printed first-run link
 * @param bootstrap a first organization and administrator created on an empty database, for automation
 */
@ConfigurationProperties("shifo")
@Validated
public record IdentitySettings(
        @DefaultValue("http://localhost:8080") String publicUrl, @DefaultValue Bootstrap bootstrap) {

    /** {@code SHIFO_BOOTSTRAP_ADMIN_USERNAME}, {@code _PASSWORD}, {@code SHIFO_BOOTSTRAP_ORGANIZATION}. */
    public record Bootstrap(@Nullable String organization, @DefaultValue Admin admin) {

        public boolean isRequested() {
            return organization != null
                    && !organization.isBlank()
                    && admin.username() != null
                    && admin.password() != null;
        }
    }

    /** The first administrator's credentials. */
    public record Admin(@Nullable String username, @Nullable String password) {}
}
