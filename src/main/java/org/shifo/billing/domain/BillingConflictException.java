package org.shifo.billing.domain;

import java.util.List;

/**
 * The request is well-formed but the invoice or payment is not in a state that allows it (409): an invoice no
 * longer editable, a payment already refunded, an invoice held by a pending provider payment. {@code code} is
 * the message key under {@code billing.conflict.}.
 */
public final class BillingConflictException extends RuntimeException {

    private final String code;
    private final List<Object> arguments;

    public BillingConflictException(String code, String message, Object... arguments) {
        super(message);
        this.code = code;
        this.arguments = List.of(arguments);
    }

    public String code() {
        return code;
    }

    public List<Object> arguments() {
        return arguments;
    }
}
