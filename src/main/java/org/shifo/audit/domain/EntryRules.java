package org.shifo.audit.domain;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What an audit entry's fields may hold, checked here and again by the database's constraints. Everything
 * but the user's display name is a code or an identifier from a narrow alphabet, so that no free text (and
 * so no clinical text) can ever land in the trail.
 */
public final class EntryRules {

    /** Dotted lower-case codes: {@code patient.read}, {@code identity.login_failed}. */
    public static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+");

    public static final int ACTION_MAX_LENGTH = 64;

    /** A lower-case noun: {@code patient}, {@code lab_result}. */
    public static final Pattern TARGET_TYPE = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    /** Identifiers (UUIDs, numbers, request ids): letters, digits, dot, dash, underscore, colon. */
    public static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    /** Detail keys: {@code branchId}, {@code invoice_id}. */
    public static final Pattern DETAIL_KEY = Pattern.compile("[a-z][a-zA-Z0-9_]{0,63}");

    public static final int MAX_DETAILS = 16;

    private EntryRules() {}

    public static String requireAction(String action) {
        Objects.requireNonNull(action, "action");
        if (action.length() > ACTION_MAX_LENGTH || !ACTION.matcher(action).matches()) {
            throw new IllegalArgumentException("action must be a dotted lower-case code such as patient.read");
        }
        return action;
    }

    public static String requireTargetType(String targetType) {
        Objects.requireNonNull(targetType, "targetType");
        if (!TARGET_TYPE.matcher(targetType).matches()) {
            throw new IllegalArgumentException("targetType must be a lower-case noun such as patient");
        }
        return targetType;
    }

    public static String requireIdentifier(String field, String value) {
        Objects.requireNonNull(value, field);
        if (!IDENTIFIER.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    field + " must be an identifier: 1 to 128 letters, digits, '.', '_', ':' or '-'");
        }
        return value;
    }

    public static String requireDetailKey(String key) {
        Objects.requireNonNull(key, "detail key");
        if (!DETAIL_KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("a detail key must be a short camelCase or snake_case name");
        }
        return key;
    }
}
