package org.shifo.identity.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.identity.Staff;
import org.shifo.identity.signin.SecondFactor;
import org.shifo.identity.signin.SecondFactorThrottledException;
import org.shifo.identity.signin.SignIn;
import org.shifo.identity.signin.SignInOutcome;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Signing in from the browser: the password, then the second factor where it is required (enrolling the
 * authenticator app first, or a code, or a recovery code). Until the last step passes the visitor holds only a
 * {@link PendingSignIn}, which opens these pages and nothing else.
 */
@Controller
class SignInPageController {

    private static final int MAX_FIELD = 1024;

    private final SignIn signIn;
    private final SecondFactor secondFactor;
    private final BrowserSessions sessions;

    SignInPageController(SignIn signIn, SecondFactor secondFactor, BrowserSessions sessions) {
        this.signIn = signIn;
        this.secondFactor = secondFactor;
        this.sessions = sessions;
    }

    @GetMapping("/login")
    String loginPage() {
        return "identity/login";
    }

    @PostMapping("/login")
    String login(
            @RequestParam(defaultValue = "") String username,
            @RequestParam(defaultValue = "") String password,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        if (username.isBlank() || password.isEmpty() || username.length() > 64 || password.length() > MAX_FIELD) {
            model.addAttribute("error", "identity.login.badCredentials");
            model.addAttribute("username", username.length() > 64 ? "" : username);
            return "identity/login";
        }
        SignInOutcome outcome = signIn.withPassword(username, password, request.getRemoteAddr());
        return switch (outcome) {
            case SignInOutcome.Completed completed -> {
                sessions.signIn(completed.staff(), request, response);
                yield "redirect:/";
            }
            case SignInOutcome.SecondFactorRequired required -> {
                sessions.startPending(
                        request,
                        new PendingSignIn(
                                required.userId(),
                                required.tenantId(),
                                required.enrollmentRequired(),
                                sessions.now(),
                                UUID.randomUUID()));
                yield required.enrollmentRequired() ? "redirect:/login/enroll" : "redirect:/login/code";
            }
            case SignInOutcome.Refused refused -> {
                model.addAttribute("username", username);
                if (refused.reason() == SignInOutcome.Refused.Reason.THROTTLED) {
                    response.setStatus(429);
                    response.setHeader(
                            "Retry-After",
                            Long.toString(Math.max(1, refused.retryAfter().toSeconds())));
                    model.addAttribute("error", "identity.login.throttled");
                    model.addAttribute(
                            "retryAfterSeconds",
                            Math.max(1, refused.retryAfter().toSeconds()));
                } else {
                    model.addAttribute("error", "identity.login.badCredentials");
                }
                yield "identity/login";
            }
        };
    }

    @GetMapping("/login/enroll")
    String enrollPage(
            @RequestParam(required = false) @Nullable String wrongCode, HttpServletRequest request, Model model) {
        Optional<PendingSignIn> pending = sessions.pending(request).filter(PendingSignIn::enrollmentRequired);
        if (pending.isEmpty()) {
            return "redirect:/login?expired";
        }
        Optional<SignIn.Enrollment> started = sessions.enrollment(request);
        SignIn.Enrollment enrollment;
        if (started.isPresent()) {
            enrollment = started.get();
        } else {
            try {
                enrollment = signIn.startEnrollment(
                        pending.get().userId(), pending.get().tenantId());
            } catch (SignIn.SecondFactorStateException e) {
                return "redirect:/login?expired";
            }
            sessions.keepEnrollment(request, enrollment);
        }
        model.addAttribute("wrongCode", wrongCode != null);
        model.addAttribute("secret", enrollment.secret());
        model.addAttribute("qrCode", secondFactor.qrDataUri(enrollment.otpauthUri()));
        return "identity/enroll";
    }

    @PostMapping("/login/enroll")
    String confirmEnrollment(
            @RequestParam(defaultValue = "") String code,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Optional<PendingSignIn> pending = sessions.pending(request).filter(PendingSignIn::enrollmentRequired);
        if (pending.isEmpty()) {
            return "redirect:/login?expired";
        }
        Optional<SignIn.EnrollmentConfirmed> confirmed;
        try {
            confirmed = signIn.confirmEnrollment(
                    pending.get().userId(), pending.get().tenantId(), trimmed(code));
        } catch (SignIn.SecondFactorStateException e) {
            return "redirect:/login?expired";
        }
        if (confirmed.isEmpty()) {
            return "redirect:/login/enroll?wrongCode";
        }
        sessions.signIn(confirmed.get().staff(), request, response);
        model.addAttribute("recoveryCodes", confirmed.get().recoveryCodes());
        return "identity/recovery-codes";
    }

    @GetMapping("/login/code")
    String codePage(HttpServletRequest request) {
        return secondStepPage(request, "identity/code");
    }

    @PostMapping("/login/code")
    String code(
            @RequestParam(defaultValue = "") String code,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        return finishSecondStep(
                request,
                response,
                model,
                "identity/code",
                "identity.code.wrong",
                pending -> signIn.withCode(pending.secondStep(request.getRemoteAddr()), trimmed(code)));
    }

    @GetMapping("/login/recovery")
    String recoveryPage(HttpServletRequest request) {
        return secondStepPage(request, "identity/recovery");
    }

    @PostMapping("/login/recovery")
    String recovery(
            @RequestParam(defaultValue = "") String recoveryCode,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        return finishSecondStep(
                request,
                response,
                model,
                "identity/recovery",
                "identity.recovery.wrong",
                pending -> signIn.withRecoveryCode(pending.secondStep(request.getRemoteAddr()), trimmed(recoveryCode)));
    }

    /** The pending sign-in of a user who has a second factor enrolled (the code and recovery steps). */
    private Optional<PendingSignIn> enrolledPending(HttpServletRequest request) {
        return sessions.pending(request).filter(pending -> !pending.enrollmentRequired());
    }

    private String secondStepPage(HttpServletRequest request, String view) {
        return enrolledPending(request).isPresent() ? view : "redirect:/login?expired";
    }

    /** One second step: the pending user's code checked, then signed in, or the page again with its error. */
    private String finishSecondStep(
            HttpServletRequest request,
            HttpServletResponse response,
            Model model,
            String view,
            String errorKey,
            java.util.function.Function<PendingSignIn, Optional<Staff>> step) {
        Optional<PendingSignIn> pending = enrolledPending(request);
        if (pending.isEmpty()) {
            return "redirect:/login?expired";
        }
        Optional<Staff> staff;
        try {
            staff = step.apply(pending.get());
        } catch (SecondFactorThrottledException e) {
            response.setStatus(429);
            response.setHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
            model.addAttribute("error", "identity.login.throttled");
            model.addAttribute("retryAfterSeconds", e.retryAfterSeconds());
            return view;
        } catch (SignIn.SecondFactorStateException e) {
            if (e.state() == SignIn.SecondFactorState.TOO_MANY_WRONG_CODES) {
                sessions.endPending(request);
                return "redirect:/login?tooManyCodes";
            }
            staff = Optional.empty();
        }
        if (staff.isEmpty()) {
            model.addAttribute("error", errorKey);
            return view;
        }
        sessions.signIn(staff.get(), request, response);
        return "redirect:/";
    }

    private static String trimmed(String code) {
        String stripped = code.strip().replace(" ", "");
        return stripped.length() > 32 ? "" : stripped;
    }
}
