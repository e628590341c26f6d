package org.shifo.notifications.telegram;

/**
 * A refused request about the Telegram bot or a patient's links: which field, which rule (a stable code, message key
 * {@code notifications.telegram.rule.<code>}) and the HTTP status it answers with (400 bad input, 404 not found, 422
 * refused, 502 Telegram refused or could not be reached). Never carries a token or patient data.
 */
public class TelegramRefusedException extends RuntimeException {

    private final int status;
    private final String field;
    private final String code;

    public TelegramRefusedException(int status, String field, String code, String message) {
        super(message);
        this.status = status;
        this.field = field;
        this.code = code;
    }

    static TelegramRefusedException invalid(String field, String code, String message) {
        return new TelegramRefusedException(400, field, code, message);
    }

    static TelegramRefusedException refused(String field, String code, String message) {
        return new TelegramRefusedException(422, field, code, message);
    }

    static TelegramRefusedException notFound(String field, String what) {
        return new TelegramRefusedException(404, field, "not-found", "There is no such " + what + ".");
    }

    static TelegramRefusedException unreachable(String code) {
        return new TelegramRefusedException(502, "token", code, "Telegram refused the call or could not be reached");
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }

    public String code() {
        return code;
    }
}
