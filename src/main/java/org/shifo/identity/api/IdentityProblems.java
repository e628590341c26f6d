package org.shifo.identity.api;

import java.util.Map;
import org.shifo.identity.accounts.IdentityRuleException;
import org.shifo.identity.accounts.SessionNotFoundException;
import org.shifo.identity.accounts.StaffNotFoundException;
import org.shifo.identity.signin.SecondFactorThrottledException;
import org.shifo.identity.signin.SignIn;
import org.shifo.identity.signin.SignInOutcome;
import org.shifo.platform.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Identity's exceptions as problem details. Details never say whether a username exists. */
@RestControllerAdvice(basePackageClasses = IdentityProblems.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class IdentityProblems {

    @ExceptionHandler(SignInRefusedException.class)
    ResponseEntity<ProblemDetail> refused(SignInRefusedException exception) {
        SignInOutcome.Refused refusal = exception.refusal();
        if (refusal.reason() == SignInOutcome.Refused.Reason.THROTTLED) {
            long seconds = Math.max(1, (refusal.retryAfter().toMillis() + 999) / 1000);
            return tooManyRequests(seconds, "Too many failed sign-in attempts");
        }
        return problem(
                HttpStatus.UNAUTHORIZED,
                Problems.of(
                        HttpStatus.UNAUTHORIZED,
                        "bad-credentials",
                        "Sign-in failed",
                        "The username or password is wrong."),
                Map.of());
    }

    @ExceptionHandler(SecondFactorRejectedException.InvalidMfaToken.class)
    ResponseEntity<ProblemDetail> invalidMfaToken() {
        return problem(
                HttpStatus.UNAUTHORIZED,
                Problems.of(
                        HttpStatus.UNAUTHORIZED,
                        "invalid-mfa-token",
                        "Sign in again",
                        "The sign-in step has expired or is not valid; sign in again."),
                Map.of());
    }

    @ExceptionHandler(SecondFactorRejectedException.InvalidRefreshToken.class)
    ResponseEntity<ProblemDetail> invalidRefreshToken() {
        return problem(
                HttpStatus.UNAUTHORIZED,
                Problems.of(
                        HttpStatus.UNAUTHORIZED,
                        "invalid-refresh-token",
                        "Sign in again",
                        "The refresh token is not valid any more; sign in again."),
                Map.of());
    }

    @ExceptionHandler(SecondFactorRejectedException.class)
    ResponseEntity<ProblemDetail> wrongCode(SecondFactorRejectedException exception) {
        ProblemDetail problem = Problems.validation(
                java.util.List.of(new Problems.FieldError(exception.field(), "is not valid (or was used already)")));
        problem.setType(Problems.type("invalid-second-factor"));
        problem.setTitle("Second factor rejected");
        return problem(HttpStatus.BAD_REQUEST, problem, Map.of());
    }

    @ExceptionHandler(SecondFactorThrottledException.class)
    ResponseEntity<ProblemDetail> secondFactorThrottled(SecondFactorThrottledException exception) {
        return tooManyRequests(exception.retryAfterSeconds(), "Too many second-factor codes");
    }

    /** A 429 with {@code Retry-After}; {@code what} says what there was too much of. */
    private static ResponseEntity<ProblemDetail> tooManyRequests(long seconds, String what) {
        return problem(
                HttpStatus.TOO_MANY_REQUESTS,
                Problems.of(
                        HttpStatus.TOO_MANY_REQUESTS,
                        "too-many-requests",
                        "Too many attempts",
                        what + ": wait " + seconds + " s and try again."),
                Map.of(HttpHeaders.RETRY_AFTER, Long.toString(seconds)));
    }

    @ExceptionHandler(SignIn.SecondFactorStateException.class)
    ResponseEntity<ProblemDetail> wrongState(SignIn.SecondFactorStateException exception) {
        if (exception.state() == SignIn.SecondFactorState.TOO_MANY_WRONG_CODES) {
            return problem(
                    HttpStatus.UNAUTHORIZED,
                    Problems.of(
                            HttpStatus.UNAUTHORIZED,
                            "invalid-mfa-token",
                            "Sign in again",
                            "Too many wrong codes for this sign-in step; sign in again."),
                    Map.of());
        }
        String detail =
                switch (exception.state()) {
                    case ALREADY_ENROLLED -> "A second factor is already enrolled; an administrator can reset it.";
                    case NOT_ENROLLED, NOT_ENROLLING -> "No second factor is enrolled yet; enrol one first.";
                    case UNKNOWN_USER, TOO_MANY_WRONG_CODES -> "Sign in again.";
                };
        return problem(
                HttpStatus.CONFLICT,
                Problems.of(HttpStatus.CONFLICT, "second-factor-state", "Not possible now", detail),
                Map.of());
    }

    @ExceptionHandler(IdentityRuleException.class)
    ResponseEntity<ProblemDetail> rule(IdentityRuleException exception) {
        ProblemDetail problem = Problems.validation(exception.errors());
        if (exception.kind() == IdentityRuleException.Kind.CONFLICT) {
            problem.setStatus(HttpStatus.CONFLICT.value());
            problem.setTitle("Conflict");
            problem.setType(Problems.type(exception.slug()));
            return problem(HttpStatus.CONFLICT, problem, Map.of());
        }
        return problem(HttpStatus.BAD_REQUEST, problem, Map.of());
    }

    @ExceptionHandler(StaffNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound() {
        return problem(
                HttpStatus.NOT_FOUND,
                Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not Found", "There is no such staff account."),
                Map.of());
    }

    @ExceptionHandler(SessionNotFoundException.class)
    ResponseEntity<ProblemDetail> sessionNotFound() {
        return problem(
                HttpStatus.NOT_FOUND,
                Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not Found", "There is no such active session."),
                Map.of());
    }

    private static ResponseEntity<ProblemDetail> problem(
            HttpStatus status, ProblemDetail problem, Map<String, String> headers) {
        ResponseEntity.BodyBuilder builder =
                ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        headers.forEach((name, value) -> builder.header(name, value));
        return builder.body(problem);
    }
}
