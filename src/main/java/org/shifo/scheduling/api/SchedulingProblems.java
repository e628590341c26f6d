package org.shifo.scheduling.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.shifo.platform.Problems;
import org.shifo.scheduling.booking.AppointmentBook;
import org.shifo.scheduling.domain.AppointmentStatus;
import org.shifo.scheduling.domain.BookingConflictException;
import org.shifo.scheduling.domain.IllegalTransitionException;
import org.shifo.scheduling.domain.SchedulingNotFoundException;
import org.shifo.scheduling.domain.SchedulingRuleException;
import org.shifo.scheduling.domain.Violation;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Scheduling's refusals as problem details: 400 for input that cannot be read or names nothing known, 422 for
 * input the rules refuse (in the past, outside working hours), 409 for a taken time or an illegal status
 * change, 404 for an appointment the caller cannot see. Field messages follow {@code Accept-Language}.
 */
@RestControllerAdvice(basePackageClasses = SchedulingProblems.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class SchedulingProblems {

    private final MessageSource messages;

    SchedulingProblems(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(SchedulingRuleException.class)
    ResponseEntity<ProblemDetail> rules(SchedulingRuleException exception, HttpServletRequest request) {
        Locale locale = locale(request);
        List<Violation> violations = exception.violations();
        ProblemDetail problem = Problems.validation(violations.stream()
                .map(v -> new Problems.FieldError(v.field(), message(v, locale)))
                .toList());
        HttpStatus status = exception.isRefusal() ? HttpStatus.UNPROCESSABLE_CONTENT : HttpStatus.BAD_REQUEST;
        if (exception.isRefusal()) {
            problem.setStatus(status);
            problem.setType(Problems.type("scheduling-refused"));
            problem.setTitle("Refused");
            problem.setDetail(message(violations.getFirst(), locale));
        }
        problem.setProperty(
                Problems.ERRORS,
                violations.stream()
                        .map(v -> Map.of("field", v.field(), "message", message(v, locale), "code", v.code()))
                        .toList());
        return answer(status, problem);
    }

    @ExceptionHandler(BookingConflictException.class)
    ResponseEntity<ProblemDetail> conflict(BookingConflictException exception, HttpServletRequest request) {
        Locale locale = locale(request);
        String start = AppointmentResponse.time(exception.conflictStart(), exception.zone());
        String end = AppointmentResponse.time(exception.conflictEnd(), exception.zone());
        String from =
                exception.conflictStart().atZone(exception.zone()).toLocalTime().toString();
        String to =
                exception.conflictEnd().atZone(exception.zone()).toLocalTime().toString();
        String date =
                exception.conflictStart().atZone(exception.zone()).toLocalDate().toString();
        String code = exception.resource().equals("room") ? "room-busy" : "practitioner-busy";
        String fallback = exception.resource().equals("room")
                ? "The room is taken then: another appointment runs from " + from + " to " + to + " on " + date + "."
                : "The practitioner is booked then: another appointment runs from " + from + " to " + to + " on " + date
                        + ".";
        String detail =
                messages.getMessage("scheduling.conflict." + code, new Object[] {from, to, date}, fallback, locale);
        ProblemDetail problem = Problems.of(
                HttpStatus.CONFLICT, "booking-conflict", "Time already booked", detail == null ? fallback : detail);
        problem.setProperty("resource", exception.resource());
        problem.setProperty("conflictStart", start);
        problem.setProperty("conflictEnd", end);
        return answer(HttpStatus.CONFLICT, problem);
    }

    @ExceptionHandler(IllegalTransitionException.class)
    ResponseEntity<ProblemDetail> transition(IllegalTransitionException exception) {
        List<String> allowed = exception.allowed().stream()
                .map(AppointmentStatus::name)
                .sorted()
                .toList();
        ProblemDetail problem = Problems.of(
                HttpStatus.CONFLICT,
                "illegal-status-change",
                "Not possible in this status",
                "An appointment in status " + exception.current() + " cannot become " + exception.requested()
                        + (allowed.isEmpty()
                                ? "; it is final."
                                : "; from here it can become " + String.join(", ", allowed) + "."));
        problem.setProperty("currentStatus", exception.current().name());
        problem.setProperty("requestedStatus", exception.requested().name());
        problem.setProperty("allowedStatuses", allowed);
        return answer(HttpStatus.CONFLICT, problem);
    }

    @ExceptionHandler(AppointmentBook.StaleAppointmentException.class)
    ResponseEntity<ProblemDetail> stale() {
        return answer(
                HttpStatus.CONFLICT,
                Problems.of(
                        HttpStatus.CONFLICT,
                        "stale-version",
                        "Changed meanwhile",
                        "Someone changed this appointment since you opened it; reload it and try again."));
    }

    @ExceptionHandler(SchedulingNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(SchedulingNotFoundException exception) {
        return answer(
                HttpStatus.NOT_FOUND,
                Problems.of(
                        HttpStatus.NOT_FOUND, "not-found", "Not Found", "There is no such " + what(exception) + "."));
    }

    private static String what(SchedulingNotFoundException exception) {
        String message = String.valueOf(exception.getMessage());
        return message.endsWith(" not found")
                ? message.substring(0, message.length() - " not found".length())
                : "thing";
    }

    String message(Violation violation, Locale locale) {
        String message = messages.getMessage(
                "scheduling.rule." + violation.code(), violation.arguments().toArray(), violation.message(), locale);
        return message == null ? violation.message() : message;
    }

    static Locale locale(HttpServletRequest request) {
        return Problems.language(request);
    }

    private static ResponseEntity<ProblemDetail> answer(HttpStatus status, ProblemDetail problem) {
        return Problems.response(status, problem);
    }
}
