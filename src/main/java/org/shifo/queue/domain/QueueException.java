package org.shifo.queue.domain;

import java.util.List;
import java.util.Set;

/** A refusal of the queue: unknown things (404), unreadable input (400) or a move the status forbids (409). */
public final class QueueException extends RuntimeException {

    /** How the refusal is answered. */
    public enum Kind {
        NOT_FOUND,
        INVALID,
        CONFLICT
    }

    private final Kind kind;
    private final String code;
    private final String field;
    private final List<String> allowed;

    private QueueException(Kind kind, String code, String field, String message, List<String> allowed) {
        super(message);
        this.kind = kind;
        this.code = code;
        this.field = field;
        this.allowed = List.copyOf(allowed);
    }

    public static QueueException notFound(String what) {
        return new QueueException(Kind.NOT_FOUND, "not-found", "", "There is no such " + what + ".", List.of());
    }

    public static QueueException invalid(String field, String code, String message) {
        return new QueueException(Kind.INVALID, code, field, message, List.of());
    }

    public static QueueException conflict(String code, String message) {
        return new QueueException(Kind.CONFLICT, code, "", message, List.of());
    }

    public static QueueException illegal(TicketStatus status, TicketAction action) {
        Set<TicketAction> allowed = TicketAction.from(status);
        return new QueueException(
                Kind.CONFLICT,
                "illegal-ticket-action",
                "",
                "A ticket in status " + status + " does not allow "
                        + action.name().toLowerCase(java.util.Locale.ROOT)
                        + (allowed.isEmpty() ? "." : "; possible now: " + allowed + "."),
                allowed.stream()
                        .map(a -> a.name().toLowerCase(java.util.Locale.ROOT))
                        .sorted()
                        .toList());
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }

    public List<String> allowed() {
        return allowed;
    }
}
