package org.shifo.identity.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Objects;
import org.shifo.identity.IdentitySettings;
import org.shifo.identity.TenantContext;
import org.shifo.identity.persistence.SetupTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The first start on an empty database. There is no default password anywhere: either the headless bootstrap
 * settings create the first organization and administrator, or one line is printed with a one-time setup link
 * (a random token, valid until used; a new start prints a new one) to the setup page.
 */
@Service
public class FirstRun {

    private static final Logger log = LoggerFactory.getLogger(FirstRun.class);

    private final OrganizationSetup setup;
    private final SetupTokens tokens;
    private final IdentitySettings settings;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    FirstRun(
            OrganizationSetup setup,
            SetupTokens tokens,
            IdentitySettings settings,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.setup = setup;
        this.tokens = tokens;
        this.settings = settings;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void onReady() {
        if (!setup.isFirstRun()) {
            return;
        }
        IdentitySettings.Bootstrap bootstrap = settings.bootstrap();
        if (bootstrap.isRequested()) {
            var created = setup.create(
                    new OrganizationSetup.NewOrganization(
                            Objects.requireNonNull(bootstrap.organization()),
                            Objects.requireNonNull(bootstrap.organization()),
                            "Asia/Tashkent",
                            Objects.requireNonNull(bootstrap.admin().username()),
                            Objects.requireNonNull(bootstrap.admin().password()),
                            Objects.requireNonNull(bootstrap.admin().username())),
                    true);
            log.info(
                    "First run: created organization {} with its first administrator from SHIFO_BOOTSTRAP_* settings",
                    created.organizationId());
            return;
        }
        String token = issueSetupToken();
        log.warn(
                "First run: open {}/setup?token={} to create the organization and its first administrator"
                        + " (the link works once)",
                settings.publicUrl(),
                token);
    }

    /** Issues a new one-time setup token, returning it in clear (only its hash is kept). */
    public String issueSetupToken() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        TenantContext.runAsSystem(
                () -> transactions.executeWithoutResult(status -> tokens.replace(hash(token), clock.instant())));
        return token;
    }

    public boolean isValidSetupToken(String token) {
        return TenantContext.callAsSystem(
                () -> Boolean.TRUE.equals(transactions.execute(status -> tokens.isValid(hash(token)))));
    }

    /**
     * Completes the first run with the setup token: the organization, its branch and its administrator (the
     * operator). The token is spent only when creation succeeded, so a refused password does not burn it.
     */
    public OrganizationSetup.CreatedOrganization complete(String token, OrganizationSetup.NewOrganization request) {
        if (!isValidSetupToken(token) || !setup.isFirstRun()) {
            throw IdentityRuleException.invalid("setupToken", "is not valid (used already, or setup is complete)");
        }
        OrganizationSetup.CreatedOrganization created = setup.create(request, true);
        TenantContext.runAsSystem(
                () -> transactions.executeWithoutResult(status -> tokens.use(hash(token), clock.instant())));
        return created;
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
