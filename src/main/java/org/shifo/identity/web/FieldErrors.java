package org.shifo.identity.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.shifo.identity.accounts.IdentityRuleException;

/**
 * Turns a broken identity rule into the message keys a form shows next to its fields. The rule's own message
 * is English for API clients; a page says it in the user's language instead.
 */
final class FieldErrors {

    private FieldErrors() {}

    /** Field of the form to message key; {@code fieldNames} renames the service's fields to the form's. */
    static Map<String, String> of(IdentityRuleException e, Map<String, String> fieldNames) {
        Map<String, String> errors = new LinkedHashMap<>();
        e.errors().forEach(error -> {
            String field = fieldNames.getOrDefault(error.field(), error.field());
            errors.putIfAbsent(field, messageKey(e, error.field()));
        });
        return errors;
    }

    private static String messageKey(IdentityRuleException e, String field) {
        if (e.slug().equals("username-taken")) {
            return "identity.error.usernameTaken";
        }
        return switch (field) {
            case "currentPassword" -> "identity.error.currentPassword";
            case "password", "newPassword", "adminPassword" -> "identity.error.password";
            case "username", "adminUsername" -> "identity.error.username";
            case "timeZone" -> "identity.error.timeZone";
            default -> "identity.error.invalid";
        };
    }
}
