package org.shifo.notifications.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.shifo.notifications.telegram.TelegramRefusedException;
import org.shifo.platform.Problems;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The Telegram bot's refusals as problem details naming the field and rule: 400 bad input, 404 no such patient or
 * link, 422 refused (no bot yet, a token Telegram does not know, WEBHOOK without a public address), 502 Telegram
 * could not be reached. Messages follow {@code Accept-Language} (uz, ru, en).
 */
@RestControllerAdvice(assignableTypes = TelegramApiController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class TelegramProblems {

    private final MessageSource messages;

    TelegramProblems(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(TelegramRefusedException.class)
    ResponseEntity<ProblemDetail> refused(TelegramRefusedException exception, HttpServletRequest request) {
        Locale locale = Problems.language(request);
        HttpStatus status = HttpStatus.valueOf(exception.status());
        String fallback = Objects.requireNonNullElse(exception.getMessage(), exception.code());
        String message = Objects.requireNonNullElse(
                messages.getMessage("notifications.telegram.rule." + exception.code(), null, fallback, locale),
                fallback);
        if (status == HttpStatus.NOT_FOUND) {
            return Problems.notFound(exception.field().equals("linkId") ? "Telegram link" : "patient");
        }
        ProblemDetail problem = Problems.validation(List.of(new Problems.FieldError(exception.field(), message)));
        problem.setStatus(status);
        if (status != HttpStatus.BAD_REQUEST) {
            problem.setType(
                    Problems.type(status == HttpStatus.BAD_GATEWAY ? "telegram-unavailable" : "telegram-refused"));
            problem.setTitle(status == HttpStatus.BAD_GATEWAY ? "Telegram unavailable" : "Refused");
            problem.setDetail(message);
        }
        problem.setProperty(
                Problems.ERRORS,
                List.of(Map.of("field", exception.field(), "code", exception.code(), "message", message)));
        return Problems.response(status, problem);
    }
}
