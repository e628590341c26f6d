package org.shifo.billing.providers;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.billing.domain.BillingRuleException;
import org.shifo.billing.domain.Violation;
import org.shifo.billing.invoices.BillingContext;
import org.shifo.billing.persistence.ProviderSettingsStore;
import org.shifo.billing.persistence.ProviderSettingsStore.SettingsRow;
import org.shifo.identity.TenantId;
import org.shifo.platform.SecretKeys;
import org.springframework.security.crypto.encrypt.TextEncryptor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * PayMe's and Click's settings per organization. Secrets (PayMe's key, Click's secret key) are stored encrypted
 * with AES-GCM under a key derived from {@code SHIFO_SECRET_KEY} for this purpose, never logged, never returned
 * (the API answers only whether they are set). A PayMe key is also stored as an HMAC, which finds the organization
 * of an incoming PayMe call; keys must therefore be unique across organizations.
 */
@Service
public class ProviderCredentials {

    public static final String PAYME = "PAYME";
    public static final String CLICK = "CLICK";

    private static final String ENCRYPTION_PURPOSE = "billing-provider-credentials";
    private static final String LOOKUP_PURPOSE = "billing-provider-lookup";

    private final ProviderSettingsStore store;
    private final BillingContext context;
    private final SecretKeys keys;
    private final TextEncryptor encryptor;

    ProviderCredentials(ProviderSettingsStore store, BillingContext context, SecretKeys keys) {
        this.store = store;
        this.context = context;
        this.keys = keys;
        this.encryptor = keys.encryptor(ENCRYPTION_PURPOSE, "shifo-billing");
    }

    /** What an administrator sees of a provider's settings: the non-secret fields and whether a secret is set. */
    public record Status(
            String provider,
            boolean configured,
            @Nullable String merchantId,
            @Nullable String login,
            @Nullable String accountField,
            @Nullable String serviceId,
            @Nullable String merchantUserId,
            boolean secretSet) {}

    /** PayMe's settings of an organization, decrypted, for its callback. */
    public record PaymeSettings(TenantId tenant, String merchantId, String login, String accountField, String key) {}

    /** Click's settings of an organization, decrypted, for its callback. */
    public record ClickSettings(
            TenantId tenant, String serviceId, String merchantId, String merchantUserId, String secretKey) {}

    @Transactional
    public Status savePayme(
            @Nullable String merchantId, @Nullable String key, @Nullable String login, @Nullable String accountField) {
        UUID tenant = context.tenant();
        Optional<SettingsRow> existing = store.find(tenant, PAYME);
        java.util.List<Violation> violations = new java.util.ArrayList<>();
        String merchant = text(violations, "merchantId", merchantId, 100);
        String theLogin = login == null || login.isBlank() ? "Paycom" : text(violations, "login", login, 100);
        String field = accountField == null || accountField.isBlank() ? "invoice_id" : accountField.strip();
        if (!field.matches("[a-z_][a-z0-9_]{0,49}")) {
            violations.add(Violation.of(
                    "accountField", "account-field", "must be lower-case letters, digits and _ (at most 50)"));
        }
        String secret = secretOrKeep(violations, "key", key, existing.isPresent());
        if (!violations.isEmpty()) {
            throw BillingRuleException.invalid(violations);
        }
        String encrypted;
        String lookup;
        if (secret != null) {
            encrypted = encryptor.encrypt(secret);
            lookup = paymeLookup(secret);
            if (store.lookupTakenElsewhere(tenant, PAYME, lookup)) {
                throw BillingRuleException.refused(
                        Violation.of("key", "key-in-use", "is used by another organization; PayMe keys are unique"));
            }
        } else {
            SettingsRow kept = existing.orElseThrow();
            encrypted = kept.secretEncrypted();
            lookup = kept.lookupKey();
        }
        store.upsert(
                tenant,
                new SettingsRow(
                        PAYME,
                        Objects.requireNonNull(merchant),
                        theLogin,
                        field,
                        null,
                        null,
                        encrypted,
                        lookup,
                        context.now(),
                        context.staff().userId().value()));
        context.record(
                "billing.provider_settings",
                "organization",
                tenant,
                Map.of("provider", PAYME, "secretChanged", Boolean.toString(secret != null)));
        return status(tenant, PAYME);
    }

    @Transactional
    public Status saveClick(
            @Nullable String serviceId,
            @Nullable String merchantId,
            @Nullable String merchantUserId,
            @Nullable String secretKey) {
        UUID tenant = context.tenant();
        Optional<SettingsRow> existing = store.find(tenant, CLICK);
        java.util.List<Violation> violations = new java.util.ArrayList<>();
        String service = digits(violations, "serviceId", serviceId);
        String merchant = digits(violations, "merchantId", merchantId);
        String merchantUser = digits(violations, "merchantUserId", merchantUserId);
        String secret = secretOrKeep(violations, "secretKey", secretKey, existing.isPresent());
        if (!violations.isEmpty()) {
            throw BillingRuleException.invalid(violations);
        }
        if (store.lookupTakenElsewhere(tenant, CLICK, Objects.requireNonNull(service))) {
            throw BillingRuleException.refused(
                    Violation.of("serviceId", "service-in-use", "is used by another organization"));
        }
        String encrypted = secret != null
                ? encryptor.encrypt(secret)
                : existing.orElseThrow().secretEncrypted();
        store.upsert(
                tenant,
                new SettingsRow(
                        CLICK,
                        Objects.requireNonNull(merchant),
                        null,
                        null,
                        service,
                        merchantUser,
                        encrypted,
                        service,
                        context.now(),
                        context.staff().userId().value()));
        context.record(
                "billing.provider_settings",
                "organization",
                tenant,
                Map.of("provider", CLICK, "secretChanged", Boolean.toString(secret != null)));
        return status(tenant, CLICK);
    }

    @Transactional(readOnly = true)
    public Status status(String provider) {
        return status(context.tenant(), provider);
    }

    private Status status(UUID tenant, String provider) {
        return store.find(tenant, provider)
                .map(row -> new Status(
                        provider,
                        true,
                        row.merchantId(),
                        row.login(),
                        row.accountField(),
                        row.serviceId(),
                        row.merchantUserId(),
                        !row.secretEncrypted().isEmpty()))
                .orElseGet(() -> new Status(provider, false, null, null, null, null, null, false));
    }

    /**
     * The organization whose PayMe key this is, with its settings, or empty: the HMAC of the key finds the
     * organization, then the stored key (decrypted) is compared with the presented one in constant time, and the
     * login too. Must run inside a transaction entered in no tenant's scope; the settings are read in the scope of
     * the organization found ({@code TenantContext.callAs}) by the caller.
     */
    public Optional<TenantId> paymeTenant(String key) {
        return Optional.ofNullable(store.tenantOf(PAYME, paymeLookup(key))).map(TenantId::new);
    }

    /**
     * The organization's PayMe settings, if the presented login and key match them (constant time); joins the
     * caller's transaction, begun in the organization's scope.
     */
    @Transactional(readOnly = true)
    public Optional<PaymeSettings> verifyPayme(TenantId tenant, String login, String key) {
        return store.find(tenant.value(), PAYME).flatMap(row -> {
            String stored = encryptor.decrypt(row.secretEncrypted());
            String expectedLogin = Objects.requireNonNullElse(row.login(), "Paycom");
            boolean keyMatches = MessageDigest.isEqual(
                    stored.getBytes(StandardCharsets.UTF_8), key.getBytes(StandardCharsets.UTF_8));
            boolean loginMatches = MessageDigest.isEqual(
                    expectedLogin.getBytes(StandardCharsets.UTF_8), login.getBytes(StandardCharsets.UTF_8));
            if (!(keyMatches & loginMatches)) {
                return Optional.empty();
            }
            return Optional.of(new PaymeSettings(
                    tenant,
                    row.merchantId(),
                    expectedLogin,
                    Objects.requireNonNullElse(row.accountField(), "invoice_id"),
                    stored));
        });
    }

    /** Replaces the organization's PayMe key (PayMe's ChangePassword), in the caller's transaction. */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public void replacePaymeKey(TenantId tenant, String newKey) {
        store.replaceSecret(tenant.value(), PAYME, encryptor.encrypt(newKey), paymeLookup(newKey), context.now());
    }

    /** Whether another organization's PayMe key is this one. */
    public boolean paymeKeyTakenElsewhere(TenantId tenant, String key) {
        return store.lookupTakenElsewhere(tenant.value(), PAYME, paymeLookup(key));
    }

    /** The organization whose Click service id this is, or empty (for the Click callbacks). */
    public Optional<TenantId> clickTenant(String serviceId) {
        return Optional.ofNullable(store.tenantOf(CLICK, serviceId)).map(TenantId::new);
    }

    /** The organization's Click settings, decrypted (for the signature check), in the organization's scope. */
    @Transactional(readOnly = true)
    public Optional<ClickSettings> click(TenantId tenant) {
        return store.find(tenant.value(), CLICK)
                .map(row -> new ClickSettings(
                        tenant,
                        Objects.requireNonNull(row.serviceId()),
                        row.merchantId(),
                        Objects.requireNonNull(row.merchantUserId()),
                        encryptor.decrypt(row.secretEncrypted())));
    }

    private String paymeLookup(String key) {
        return keys.mac(LOOKUP_PURPOSE, "PAYME:" + key);
    }

    private static @Nullable String text(
            java.util.List<Violation> violations, String field, @Nullable String value, int max) {
        if (value == null || value.isBlank()) {
            violations.add(Violation.of(field, "required", "is required"));
            return null;
        }
        String stripped = value.strip();
        if (stripped.length() > max || stripped.chars().anyMatch(Character::isISOControl)) {
            violations.add(Violation.of(field, "too-long", "must be at most " + max + " characters", max));
            return null;
        }
        return stripped;
    }

    private static @Nullable String digits(java.util.List<Violation> violations, String field, @Nullable String value) {
        String text = text(violations, field, value, 50);
        if (text != null && !text.matches("[0-9]{1,18}")) {
            violations.add(Violation.of(field, "digits", "must be digits (the number Click issued)"));
            return null;
        }
        return text;
    }

    /** A new secret (kept as sent: keys may contain any symbol), or null to keep the stored one. */
    private static @Nullable String secretOrKeep(
            java.util.List<Violation> violations, String field, @Nullable String value, boolean stored) {
        if (value == null || value.isEmpty()) {
            if (!stored) {
                violations.add(Violation.of(field, "required", "is required"));
            }
            return null;
        }
        if (value.length() > 200 || value.chars().anyMatch(Character::isISOControl) || !value.equals(value.strip())) {
            violations.add(Violation.of(
                    field,
                    "secret-format",
                    "must be 1 to 200 characters without spaces at the ends or control characters"));
            return null;
        }
        return value;
    }
}
