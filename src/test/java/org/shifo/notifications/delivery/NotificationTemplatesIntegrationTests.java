package org.shifo.notifications.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shifo.identity.TenantContext;
import org.shifo.platform.testing.IdentityFixtures;
import org.shifo.platform.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
class NotificationTemplatesIntegrationTests {

    @Autowired
    NotificationTemplates templates;

    @Autowired
    IdentityFixtures identities;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void rendersTheBuiltInTextInEachLanguageWithEscapedValues() {
        var clinic = identities.clinic();
        Map<String, String> values = Map.of(
                "patient", "Oʻgʻiloy O'Brien <b>&",
                "date", "24.11.2026",
                "time", "09:30",
                "doctor", "Dr \"Karimov\"",
                "branch", "Chilonzor");

        RenderedMessage uz = TenantContext.callAs(
                clinic.tenantId(),
                () -> templates.render(clinic.tenantId(), NotificationTemplate.APPOINTMENT_BOOKED, "uz", values));
        RenderedMessage ru = TenantContext.callAs(
                clinic.tenantId(),
                () -> templates.render(clinic.tenantId(), NotificationTemplate.APPOINTMENT_BOOKED, "ru", values));

        assertThat(uz.html())
                .contains("Oʻgʻiloy O'Brien &lt;b&gt;&amp;")
                .contains("Dr &quot;Karimov&quot;")
                .contains("09:30")
                .doesNotContain("<b>");
        assertThat(uz.plain()).contains("Oʻgʻiloy O'Brien <b>&");
        assertThat(uz.title()).isEqualTo("Qabulga yozilish");
        assertThat(ru.html()).contains("вы записаны");
        assertThat(ru.title()).isEqualTo("Запись на приём");
    }

    @Test
    void prefersTheOrganizationsOwnTextAndEscapesItsMarkup() {
        var clinic = identities.clinic();
        var other = identities.clinic();
        TenantContext.runAs(
                clinic.tenantId(),
                () -> transactions.executeWithoutResult(status -> jdbc.sql(
                                """
                        INSERT INTO notifications.templates (tenant_id, template, language, body, updated_at)
                        VALUES (:tenant, 'queue-called', 'en', :body, :now)
                        """)
                        .param("tenant", clinic.tenantId().value())
                        .param("body", "<i>{patient}</i>, room {room} {unknown}")
                        .param("now", java.sql.Timestamp.from(Instant.now()))
                        .update()));
        Map<String, String> values = Map.of("patient", "Ali", "room", "5", "ticket", "A-012");

        RenderedMessage own = TenantContext.callAs(
                clinic.tenantId(),
                () -> templates.render(clinic.tenantId(), NotificationTemplate.QUEUE_CALLED, "en", values));
        RenderedMessage builtIn = TenantContext.callAs(
                other.tenantId(),
                () -> templates.render(other.tenantId(), NotificationTemplate.QUEUE_CALLED, "en", values));

        assertThat(own.html()).isEqualTo("&lt;i&gt;Ali&lt;/i&gt;, room 5 {unknown}");
        assertThat(builtIn.plain()).isEqualTo("Ali, ticket A-012: please come to room 5.");
        assertThat(templates.unknownPlaceholders(NotificationTemplate.QUEUE_CALLED, "{patient} {unknown}"))
                .containsExactly("unknown");
    }

    @Test
    void everyTemplateHasATextAndATitleInEveryLanguage() {
        for (NotificationTemplate template : NotificationTemplate.values()) {
            for (String language : NotificationTemplates.LANGUAGES) {
                String body = templates.builtInBody(template, language);

                assertThat(templates.unknownPlaceholders(template, body))
                        .as(template + " " + language)
                        .isEmpty();
                assertThat(templates.title(template, language)).isNotBlank();
            }
        }
    }
}
