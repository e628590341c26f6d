package org.shifo.billing.payme;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads a method's parameters with the JSON types the spec requires (§10 step 6): a missing parameter or one of
 * the wrong JSON type is {@code -32600}; whether a number is an acceptable amount is the method's business.
 */
final class PaymeParams {

    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private final JsonNode params;

    PaymeParams(JsonNode params) {
        this.params = params;
    }

    /** PayMe's transaction id: a non-empty string of at most 64 characters. */
    String id() {
        JsonNode id = params.get("id");
        if (id == null
                || !id.isString()
                || id.asString().isEmpty()
                || id.asString().length() > 64) {
            throw new PaymeError(PaymeError.INVALID_REQUEST, "id");
        }
        return id.asString();
    }

    /** The amount as sent: any JSON number (its value is judged by the method: -31001). */
    BigDecimal amount() {
        JsonNode amount = params.get("amount");
        if (amount == null || !amount.isNumber()) {
            throw new PaymeError(PaymeError.INVALID_REQUEST, "amount");
        }
        return amount.decimalValue();
    }

    /** A whole JSON number that fits a {@code long} (time, from, to). */
    long whole(String name) {
        JsonNode value = params.get(name);
        if (value == null || !value.isIntegralNumber()) {
            throw new PaymeError(PaymeError.INVALID_REQUEST, name);
        }
        BigInteger big = value.bigIntegerValue();
        if (big.compareTo(LONG_MIN) < 0 || big.compareTo(LONG_MAX) > 0) {
            throw new PaymeError(PaymeError.INVALID_REQUEST, name);
        }
        return big.longValueExact();
    }

    /** The cancel reason: a whole JSON number that fits an {@code int}. */
    int reason() {
        long reason = whole("reason");
        if (reason < Integer.MIN_VALUE || reason > Integer.MAX_VALUE) {
            throw new PaymeError(PaymeError.INVALID_REQUEST, "reason");
        }
        return (int) reason;
    }

    /** The account object. */
    JsonNode account() {
        JsonNode account = params.get("account");
        if (account == null || !account.isObject()) {
            throw new PaymeError(PaymeError.INVALID_REQUEST, "account");
        }
        return account;
    }

    /** A non-empty string parameter (ChangePassword's password, SetFiscalData's type). */
    String text(String name) {
        JsonNode value = params.get(name);
        if (value == null || !value.isString() || value.asString().isEmpty()) {
            throw new PaymeError(PaymeError.INVALID_REQUEST, name);
        }
        return value.asString();
    }

    /** An object parameter (SetFiscalData's fiscal_data). */
    JsonNode object(String name) {
        JsonNode value = params.get(name);
        if (value == null || !value.isObject()) {
            throw new PaymeError(PaymeError.INVALID_REQUEST, name);
        }
        return value;
    }

    /** An account field's value as a string: strings as sent, whole numbers in decimal; else null. */
    static @Nullable String accountValue(JsonNode account, String field) {
        JsonNode value = account.get(field);
        if (value == null) {
            return null;
        }
        if (value.isString()) {
            return value.asString();
        }
        if (value.isIntegralNumber()) {
            return value.bigIntegerValue().toString();
        }
        return null;
    }

    /** The account's fields as strings (numbers in decimal, others as JSON), to compare a repeat with the first. */
    static Map<String, String> normalized(JsonNode account) {
        Map<String, String> fields = new TreeMap<>();
        for (Map.Entry<String, JsonNode> entry : account.properties()) {
            String value = accountValue(account, entry.getKey());
            fields.put(entry.getKey(), value != null ? value : entry.getValue().toString());
        }
        return fields;
    }

    /** A positive whole amount in tiyin that fits a {@code long}, or -1 when the amount is not one. */
    static long tiyin(BigDecimal amount) {
        if (amount.signum() <= 0) {
            return -1;
        }
        BigDecimal stripped = amount.stripTrailingZeros();
        if (stripped.scale() > 0) {
            return -1;
        }
        try {
            return stripped.toBigIntegerExact().longValueExact();
        } catch (ArithmeticException e) {
            return -1;
        }
    }
}
