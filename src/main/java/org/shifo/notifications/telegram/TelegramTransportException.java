package org.shifo.notifications.telegram;

/**
 * A Bot API call that got no readable answer: the connection failed or timed out, or the body was not the Bot
 * API's JSON envelope. The message names the method and the failure's kind, never the token or the request.
 */
public class TelegramTransportException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean timeout;

    public TelegramTransportException(String message, boolean timeout, Throwable cause) {
        super(message, cause);
        this.timeout = timeout;
    }

    public TelegramTransportException(String message) {
        super(message);
        this.timeout = false;
    }

    /** Whether the call timed out, so the request may have reached Telegram. */
    public boolean isTimeout() {
        return timeout;
    }
}
