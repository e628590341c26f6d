package org.shifo.billing.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.shifo.billing.BillingRoles;
import org.shifo.billing.providers.ProviderCredentials;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * PayMe's and Click's settings of the organization (administrators). Secrets are write-only: stored encrypted,
 * answered only as "set" or not; leaving a secret out keeps the stored one.
 */
@RestController
@Tag(name = "Payment providers")
class ProviderSettingsApiController {

    private final ProviderCredentials credentials;

    ProviderSettingsApiController(ProviderCredentials credentials) {
        this.credentials = credentials;
    }

    /** PayMe's web cashbox. */
    record PaymeRequest(
            @Schema(description = "the cashbox id (24 hex characters)") @Nullable String merchantId,
            @Schema(description = "the cashbox key (test key for the sandbox); write-only; absent keeps the stored one")
                    @Nullable
                    String key,
            @Schema(description = "Basic-auth login PayMe sends (default Paycom)") @Nullable String login,
            @Schema(description = "the account field configured in the cabinet (default invoice_id)") @Nullable
                    String accountField) {}

    /** Click's service. */
    record ClickRequest(
            @Nullable String serviceId,
            @Nullable String merchantId,
            @Nullable String merchantUserId,
            @Schema(description = "write-only; absent keeps the stored one") @Nullable String secretKey) {}

    /** What is stored, without secrets. */
    record SettingsResponse(
            String provider,
            boolean configured,
            @Nullable String merchantId,
            @Nullable String login,
            @Nullable String accountField,
            @Nullable String serviceId,
            @Nullable String merchantUserId,
            boolean secretSet) {

        static SettingsResponse from(ProviderCredentials.Status status) {
            return new SettingsResponse(
                    status.provider(),
                    status.configured(),
                    status.merchantId(),
                    status.login(),
                    status.accountField(),
                    status.serviceId(),
                    status.merchantUserId(),
                    status.secretSet());
        }
    }

    @PutMapping("/api/v1/billing/providers/payme")
    @PreAuthorize(BillingRoles.PROVIDER_SETTINGS)
    @Operation(summary = "Set PayMe's settings {merchantId, key, login, accountField}; the key is never returned")
    SettingsResponse payme(@RequestBody PaymeRequest request) {
        return SettingsResponse.from(
                credentials.savePayme(request.merchantId(), request.key(), request.login(), request.accountField()));
    }

    @GetMapping("/api/v1/billing/providers/payme")
    @PreAuthorize(BillingRoles.PROVIDER_SETTINGS)
    @Operation(summary = "PayMe's settings without the key (only whether it is set)")
    SettingsResponse payme() {
        return SettingsResponse.from(credentials.status(ProviderCredentials.PAYME));
    }

    @PutMapping("/api/v1/billing/providers/click")
    @PreAuthorize(BillingRoles.PROVIDER_SETTINGS)
    @Operation(
            summary =
                    "Set Click's settings {serviceId, merchantId, merchantUserId, secretKey}; the secret is never returned")
    SettingsResponse click(@RequestBody ClickRequest request) {
        return SettingsResponse.from(credentials.saveClick(
                request.serviceId(), request.merchantId(), request.merchantUserId(), request.secretKey()));
    }

    @GetMapping("/api/v1/billing/providers/click")
    @PreAuthorize(BillingRoles.PROVIDER_SETTINGS)
    @Operation(summary = "Click's settings without the secret key (only whether it is set)")
    SettingsResponse click() {
        return SettingsResponse.from(credentials.status(ProviderCredentials.CLICK));
    }
}
