package org.shifo.billing.payme;

import org.jspecify.annotations.Nullable;

/**
 * A PayMe protocol error: its code (spec §9) and the optional {@code data} (the account field for -31050…-31099,
 * the method name for -32601). Thrown by request checks, which run before anything is written.
 */
final class PaymeError extends RuntimeException {

    static final int METHOD_NOT_POST = -32300;
    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int METHOD_NOT_FOUND = -32601;
    static final int INSUFFICIENT_PRIVILEGE = -32504;
    static final int SYSTEM_ERROR = -32400;
    static final int WRONG_AMOUNT = -31001;
    static final int TRANSACTION_NOT_FOUND = -31003;
    static final int CANNOT_CANCEL = -31007;
    static final int CANNOT_PERFORM = -31008;
    static final int INVOICE_NOT_FOUND = -31050;
    static final int INVOICE_NOT_PAYABLE = -31051;

    private final int code;
    private final @Nullable String data;

    PaymeError(int code, @Nullable String data) {
        super("PayMe error " + code, null, false, false);
        this.code = code;
        this.data = data;
    }

    PaymeError(int code) {
        this(code, null);
    }

    int code() {
        return code;
    }

    @Nullable
    String data() {
        return data;
    }
}
