package org.shifo.billing.providers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.shifo.identity.TenantContext;
import org.shifo.identity.TenantId;
import org.shifo.platform.testing.IdentityFixtures;
import org.shifo.platform.testing.IntegrationTest;
import org.shifo.platform.testing.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The narrow door of provider callbacks: with no tenant in scope, the organization is found by the PayMe key's
 * HMAC or the Click service id (through billing.provider_tenant, as the runtime role), and nothing else is
 * readable; the credential is then checked in the organization's scope, in constant time.
 */
@IntegrationTest
class ProviderCredentialsIntegrationTests {

    @Autowired
    IdentityFixtures fixtures;

    @Autowired
    ProviderCredentials credentials;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactionManager;

    @Test
    void aCallbackFindsItsOrganizationByTheKeyAndNothingElse() {
        IdentityFixtures.Clinic clinic = fixtures.clinic();
        IdentityFixtures.Clinic other = fixtures.clinic();
        signIn(fixtures.admin(clinic));
        try {
            credentials.savePayme("587f72c72cac0d162c722ae2", "Key:With#Symbols&1", null, null);
            credentials.saveClick("85335", "11111", "22222", "TestSecret123");
        } finally {
            SecurityContextHolder.clearContext();
        }
        signIn(fixtures.admin(other));
        try {
            credentials.savePayme("aaaaaaaaaaaaaaaaaaaaaaaa", "Other-Key", null, null);
        } finally {
            SecurityContextHolder.clearContext();
        }

        assertThat(TenantContext.current()).isEmpty();
        TenantId found = credentials.paymeTenant("Key:With#Symbols&1").orElseThrow();
        assertThat(found).isEqualTo(clinic.tenantId());
        assertThat(credentials.paymeTenant("Key:With#Symbols&2")).isEmpty();
        assertThat(credentials.paymeTenant("Other-Key")).contains(other.tenantId());
        assertThat(credentials.clickTenant("85335")).contains(clinic.tenantId());
        assertThat(credentials.clickTenant("85336")).isEmpty();

        // the organization's own settings are read in its scope only, and the key is compared there
        assertThat(TenantContext.callAs(found, () -> credentials.verifyPayme(found, "Paycom", "Key:With#Symbols&1")))
                .hasValueSatisfying(
                        settings -> assertThat(settings.accountField()).isEqualTo("invoice_id"));
        assertThat(TenantContext.callAs(found, () -> credentials.verifyPayme(found, "Paycom", "Other-Key")))
                .isEmpty();
        assertThat(TenantContext.callAs(found, () -> credentials.verifyPayme(found, "paycom", "Key:With#Symbols&1")))
                .isEmpty();
        assertThat(TenantContext.callAs(found, () -> credentials.verifyPayme(other.tenantId(), "Paycom", "Other-Key")))
                .isEmpty();
        assertThat(TenantContext.callAs(found, () -> credentials.click(found)))
                .hasValueSatisfying(click -> assertThat(click.secretKey()).isEqualTo("TestSecret123"));

        // the function leaves no system scope behind: in the same transaction, nothing else is readable
        Long visible = new org.springframework.transaction.support.TransactionTemplate(transactionManager)
                .execute(status -> {
                    assertThat(credentials.paymeTenant("Key:With#Symbols&1")).isPresent();
                    return jdbc.sql("SELECT count(*) FROM billing.provider_settings")
                            .query(Long.class)
                            .single();
                });
        assertThat(visible).isZero();
        assertThat(TestDatabase.get().count("SELECT count(*) FROM billing.provider_settings"))
                .isEqualTo(3);
    }

    private static void signIn(org.shifo.identity.Staff staff) {
        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken(staff, null, "ROLE_ADMIN"));
    }
}
