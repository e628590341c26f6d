package org.shifo.notifications.delivery;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.shifo.identity.TenantId;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Renders a {@link NotificationTemplate} in a language: the organization's own text (notifications.templates)
 * when it has one, else the built-in text of the message bundles. Placeholders are {@code {name}}; a value missing
 * from the map renders empty, a placeholder the template does not know stays as written. Templates are text, not
 * markup: the whole text is escaped for Telegram's HTML mode and every inserted value too, so a patient named
 * {@code O'Brien <b>} arrives as written and a template can never break {@code parse_mode=HTML}.
 */
@Service
public class NotificationTemplates {

    public static final Set<String> LANGUAGES = Set.of("uz", "ru", "en");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");

    private final MessageSource messages;
    private final JdbcClient jdbc;

    NotificationTemplates(MessageSource messages, JdbcClient jdbc) {
        this.messages = messages;
        this.jdbc = jdbc;
    }

    /**
     * The template as {@code tenant}'s recipients get it in {@code language}. Runs in a read-only transaction of
     * its own unless the caller has one; the caller's scope must be the tenant or the system.
     */
    @Transactional(readOnly = true)
    public RenderedMessage render(
            TenantId tenant, NotificationTemplate template, String language, Map<String, String> values) {
        String body = organizationBody(tenant, template, language).orElseGet(() -> builtInBody(template, language));
        return preview(template, language, body, values);
    }

    /** Renders {@code body} (a draft of an organization's text, or any stored one) as {@link #render} would. */
    public RenderedMessage preview(
            NotificationTemplate template, String language, String body, Map<String, String> values) {
        StringBuilder html = new StringBuilder(body.length() + 64);
        StringBuilder plain = new StringBuilder(body.length() + 64);
        Matcher matcher = PLACEHOLDER.matcher(body);
        int from = 0;
        while (matcher.find()) {
            String literal = body.substring(from, matcher.start());
            html.append(escape(literal));
            plain.append(literal);
            String name = matcher.group(1);
            String value = template.placeholders().contains(name) ? values.getOrDefault(name, "") : matcher.group();
            html.append(escape(value));
            plain.append(value);
            from = matcher.end();
        }
        String rest = body.substring(from);
        html.append(escape(rest));
        plain.append(rest);
        return new RenderedMessage(html.toString(), plain.toString(), title(template, language));
    }

    /** The built-in text of the bundles. */
    public String builtInBody(NotificationTemplate template, String language) {
        return text("notifications.template." + template.key(), language);
    }

    /** The built-in short title (push notifications); organizations do not override titles. */
    public String title(NotificationTemplate template, String language) {
        return text("notifications.template." + template.key() + ".title", language);
    }

    /** A label of the bundles in a language ({@code notifications.action.confirm}, ...). */
    public String text(String key, String language) {
        requireLanguage(language);
        String text = messages.getMessage(key, null, null, Locale.forLanguageTag(language));
        if (text == null) {
            throw new IllegalStateException("No message " + key);
        }
        return text;
    }

    /** The organization's own text, if it wrote one. */
    @Transactional(readOnly = true)
    public Optional<String> organizationBody(TenantId tenant, NotificationTemplate template, String language) {
        requireLanguage(language);
        return jdbc.sql(
                        """
                        SELECT body FROM notifications.templates
                         WHERE tenant_id = :tenant AND template = :template AND language = :language
                        """)
                .param("tenant", tenant.value())
                .param("template", template.key())
                .param("language", language)
                .query(String.class)
                .optional();
    }

    /** The placeholders of {@code body} that {@code template} does not know (an editor shows them as errors). */
    public Set<String> unknownPlaceholders(NotificationTemplate template, String body) {
        Set<String> unknown = new LinkedHashSet<>();
        Matcher matcher = PLACEHOLDER.matcher(body);
        while (matcher.find()) {
            if (!template.placeholders().contains(matcher.group(1))) {
                unknown.add(matcher.group(1));
            }
        }
        return unknown;
    }

    /** Escapes text for Telegram's HTML parse mode (it knows only &amp;lt; &amp;gt; &amp;amp; &amp;quot;). */
    public static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    private static void requireLanguage(String language) {
        if (!LANGUAGES.contains(language)) {
            throw new IllegalArgumentException("Unknown language " + language);
        }
    }
}
