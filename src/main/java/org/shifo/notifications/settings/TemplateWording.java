package org.shifo.notifications.settings;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.shifo.audit.AuditEvent;
import org.shifo.audit.AuditLog;
import org.shifo.audit.AuditOutcome;
import org.shifo.identity.CurrentUser;
import org.shifo.identity.Staff;
import org.shifo.notifications.delivery.NotificationTemplate;
import org.shifo.notifications.delivery.NotificationTemplates;
import org.shifo.notifications.rules.NotificationRuleException;
import org.shifo.notifications.rules.Violation;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An organization's own wording of the templates (notifications.templates): write one (1 to 3,000 characters,
 * only the template's own placeholders) or reset it to the built-in text. Audited; the text itself is not (it is
 * the organization's, not a patient's, and may be long).
 */
@Service
public class TemplateWording {

    public static final int MAX_BODY = 3000;

    /** Sample values of every placeholder, for previews. */
    public static final Map<String, String> SAMPLES = Map.ofEntries(
            Map.entry("patient", "Dilnoza Karimova"),
            Map.entry("date", "24.11.2026"),
            Map.entry("time", "09:30"),
            Map.entry("doctor", "Aziz Rahimov"),
            Map.entry("branch", "Chilonzor"),
            Map.entry("ticket", "A-012"),
            Map.entry("room", "5"),
            Map.entry("amount", "150 000"),
            Map.entry("link", "https://checkout.paycom.uz/example"));

    private final JdbcClient jdbc;
    private final NotificationTemplates templates;
    private final AuditLog audit;
    private final Clock clock;

    TemplateWording(JdbcClient jdbc, NotificationTemplates templates, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.templates = templates;
        this.audit = audit;
        this.clock = clock;
    }

    /** The rules a draft breaks (field {@code body}); empty when it may be saved. */
    public List<Violation> check(NotificationTemplate template, @Nullable String body) {
        List<Violation> violations = new ArrayList<>();
        if (body == null || body.isBlank()) {
            violations.add(Violation.of("body", "template.required", "is required"));
            return violations;
        }
        if (body.length() > MAX_BODY) {
            violations.add(Violation.of(
                    "body", "template.length", "may be at most " + MAX_BODY + " characters", String.valueOf(MAX_BODY)));
        }
        Set<String> unknown = templates.unknownPlaceholders(template, body);
        if (!unknown.isEmpty()) {
            String known = template.placeholders().isEmpty()
                    ? "-"
                    : String.join(
                            ", ",
                            template.placeholders().stream()
                                    .map(p -> "{" + p + "}")
                                    .toList());
            violations.add(Violation.of(
                    "body",
                    "template.placeholder",
                    "uses placeholders this message does not have: " + braces(unknown) + " (it has: " + known + ")",
                    braces(unknown),
                    known));
        }
        return violations;
    }

    /** Saves the signed-in administrator's organization's wording; nothing is saved when a rule is broken. */
    @Transactional
    public void save(NotificationTemplate template, String language, @Nullable String body) {
        requireLanguage(language);
        NotificationRuleException.throwIfAny(check(template, body));
        Staff staff = CurrentUser.get();
        Instant now = clock.instant();
        jdbc.sql(
                        """
                        INSERT INTO notifications.templates (tenant_id, template, language, body, updated_at, updated_by)
                        VALUES (:tenant, :template, :language, :body, :now, :by)
                        ON CONFLICT (tenant_id, template, language) DO UPDATE
                            SET body = EXCLUDED.body, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by
                        """)
                .param("tenant", staff.tenantId().value())
                .param("template", template.key())
                .param("language", language)
                .param("body", java.util.Objects.requireNonNull(body).strip())
                .param("now", java.sql.Timestamp.from(now))
                .param("by", staff.userId().value())
                .update();
        record(staff, "notifications.template.change", template, language);
    }

    /** Drops the organization's wording: the built-in text applies again. */
    @Transactional
    public void reset(NotificationTemplate template, String language) {
        requireLanguage(language);
        Staff staff = CurrentUser.get();
        int removed = jdbc.sql(
                        """
                        DELETE FROM notifications.templates
                        WHERE tenant_id = :tenant AND template = :template AND language = :language
                        """)
                .param("tenant", staff.tenantId().value())
                .param("template", template.key())
                .param("language", language)
                .update();
        if (removed > 0) {
            record(staff, "notifications.template.reset", template, language);
        }
    }

    /** Which (template, language) pairs the organization has reworded: template key → languages. */
    @Transactional(readOnly = true)
    public Map<String, Set<String>> reworded() {
        Staff staff = CurrentUser.get();
        Map<String, Set<String>> reworded = new LinkedHashMap<>();
        jdbc.sql("SELECT template, language FROM notifications.templates WHERE tenant_id = :tenant")
                .param("tenant", staff.tenantId().value())
                .query((rs, n) -> Map.entry(rs.getString("template"), rs.getString("language")))
                .list()
                .forEach(e -> reworded.computeIfAbsent(e.getKey(), k -> new java.util.TreeSet<>())
                        .add(e.getValue()));
        return reworded;
    }

    private void record(Staff staff, String action, NotificationTemplate template, String language) {
        audit.record(AuditEvent.of(
                        staff.tenantId().value(),
                        CurrentUser.auditActor("notifications"),
                        action,
                        "template",
                        template.key(),
                        AuditOutcome.SUCCESS)
                .withDetail("language", language));
    }

    private static String braces(Set<String> names) {
        return String.join(", ", names.stream().map(n -> "{" + n + "}").toList());
    }

    private static void requireLanguage(String language) {
        if (!NotificationTemplates.LANGUAGES.contains(language)) {
            throw new IllegalArgumentException("unknown language: " + language);
        }
    }
}
