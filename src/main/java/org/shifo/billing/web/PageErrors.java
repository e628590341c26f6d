package org.shifo.billing.web;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.shifo.billing.domain.BillingConflictException;
import org.shifo.billing.domain.BillingRuleException;
import org.shifo.billing.domain.Violation;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Billing's refusals in the reader's language for the pages: each broken rule beside its field (the same
 * {@code billing.rule.*} and {@code billing.conflict.*} messages the API answers with).
 */
@Component
class PageErrors {

    private final MessageSource messages;

    PageErrors(MessageSource messages) {
        this.messages = messages;
    }

    /** Field (the API's JSON path, or the page's field name) → message. */
    Map<String, String> of(BillingRuleException e, Locale locale) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (Violation v : e.violations()) {
            errors.merge(v.field(), message(v, locale), (a, b) -> a + " " + b);
        }
        return errors;
    }

    String of(BillingConflictException e, Locale locale) {
        String fallback = String.valueOf(e.getMessage());
        return Objects.requireNonNullElse(
                messages.getMessage(
                        "billing.conflict." + e.code(), e.arguments().toArray(), fallback, locale),
                fallback);
    }

    String text(String key, Locale locale, Object... arguments) {
        return Objects.requireNonNullElse(messages.getMessage(key, arguments, key, locale), key);
    }

    private String message(Violation v, Locale locale) {
        return Objects.requireNonNullElse(
                messages.getMessage("billing.rule." + v.code(), v.arguments().toArray(), v.message(), locale),
                v.message());
    }
}
