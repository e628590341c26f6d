package org.shifo.identity.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.shifo.identity.Staff;
import org.shifo.identity.security.AccessTokens;
import org.shifo.identity.signin.SecondStep;
import org.shifo.identity.signin.SignIn;
import org.shifo.identity.signin.SignInOutcome;
import org.shifo.identity.signin.TokenIssuer;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Sign-in for API clients: password, then (when required) enrolment or a code; refresh; sign-out. */
@RestController
@RequestMapping("/api/v1/auth")
@Tag(name = "Identity", description = "Sign-in, tokens, staff, branches and organizations")
class AuthApiController {

    private final SignIn signIn;
    private final TokenIssuer tokens;
    private final AccessTokens accessTokens;

    AuthApiController(SignIn signIn, TokenIssuer tokens, AccessTokens accessTokens) {
        this.signIn = signIn;
        this.tokens = tokens;
        this.accessTokens = accessTokens;
    }

    record LoginRequest(@NotBlank @Size(max = 64) String username, @NotBlank @Size(max = 1024) String password) {}

    record MfaRequest(
            @NotBlank @Size(max = 4096) String mfaToken,
            @Nullable @Size(max = 16) String code,
            @Nullable @Size(max = 32) String recoveryCode) {}

    record EnrollRequest(@NotBlank @Size(max = 4096) String mfaToken) {}

    record ConfirmEnrollRequest(@NotBlank @Size(max = 4096) String mfaToken, @NotBlank @Size(max = 16) String code) {}

    record RefreshRequest(@NotBlank @Size(max = 256) String refreshToken) {}

    record TokenResponse(String accessToken, String refreshToken, long expiresIn, String tokenType) {
        static TokenResponse from(TokenIssuer.TokenPair pair) {
            return new TokenResponse(pair.accessToken(), pair.refreshToken(), pair.expiresIn(), "Bearer");
        }
    }

    record MfaRequiredResponse(boolean mfaRequired, boolean mfaEnrollmentRequired, String mfaToken) {}

    record EnrollmentResponse(String secret, String otpauthUri) {}

    record EnrolledResponse(
            String accessToken, String refreshToken, long expiresIn, String tokenType, List<String> recoveryCodes) {}

    @PostMapping("/login")
    @Operation(summary = "Sign in with username and password: tokens, or a second-factor step")
    ResponseEntity<?> login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        SignInOutcome outcome = signIn.withPassword(request.username(), request.password(), http.getRemoteAddr());
        return switch (outcome) {
            case SignInOutcome.Completed completed ->
                ResponseEntity.ok(TokenResponse.from(tokens.issue(completed.staff())));
            case SignInOutcome.SecondFactorRequired required ->
                ResponseEntity.ok(new MfaRequiredResponse(
                        true,
                        required.enrollmentRequired(),
                        accessTokens.issueMfa(required.userId(), required.tenantId())));
            case SignInOutcome.Refused refused -> throw new SignInRefusedException(refused);
        };
    }

    @PostMapping("/mfa/enroll")
    @Operation(summary = "Start enrolling an authenticator app: the secret and its otpauth URI")
    EnrollmentResponse enroll(@Valid @RequestBody EnrollRequest request) {
        AccessTokens.PendingMfa pending = MfaTokens.read(accessTokens, request.mfaToken());
        SignIn.Enrollment enrollment = signIn.startEnrollment(pending.userId(), pending.tenantId());
        return new EnrollmentResponse(enrollment.secret(), enrollment.otpauthUri());
    }

    @PostMapping("/mfa/enroll/confirm")
    @Operation(summary = "Confirm the enrolment with a code: tokens and ten recovery codes, shown once")
    EnrolledResponse confirm(@Valid @RequestBody ConfirmEnrollRequest request) {
        AccessTokens.PendingMfa pending = MfaTokens.read(accessTokens, request.mfaToken());
        SignIn.EnrollmentConfirmed confirmed = signIn.confirmEnrollment(
                        pending.userId(), pending.tenantId(), request.code())
                .orElseThrow(() -> new SecondFactorRejectedException("code"));
        TokenIssuer.TokenPair pair = tokens.issue(confirmed.staff());
        return new EnrolledResponse(
                pair.accessToken(), pair.refreshToken(), pair.expiresIn(), "Bearer", confirmed.recoveryCodes());
    }

    @PostMapping("/mfa")
    @Operation(summary = "Second step: a code from the authenticator app, or a recovery code")
    TokenResponse mfa(@Valid @RequestBody MfaRequest request, HttpServletRequest http) {
        AccessTokens.PendingMfa pending = MfaTokens.read(accessTokens, request.mfaToken());
        SecondStep step = new SecondStep(
                pending.userId(),
                pending.tenantId(),
                "mfa:" + pending.tokenId(),
                pending.expiresAt(),
                http.getRemoteAddr());
        Staff staff;
        if (request.code() != null && !request.code().isBlank()) {
            staff = signIn.withCode(step, request.code()).orElseThrow(() -> new SecondFactorRejectedException("code"));
        } else if (request.recoveryCode() != null && !request.recoveryCode().isBlank()) {
            staff = signIn.withRecoveryCode(step, request.recoveryCode())
                    .orElseThrow(() -> new SecondFactorRejectedException("recoveryCode"));
        } else {
            throw new SecondFactorRejectedException("code");
        }
        return TokenResponse.from(tokens.issue(staff));
    }

    @PostMapping("/refresh")
    @Operation(summary = "A new token pair for a refresh token, which is used up (reusing it revokes its family)")
    TokenResponse refresh(@Valid @RequestBody RefreshRequest request) {
        return tokens.refresh(request.refreshToken())
                .map(TokenResponse::from)
                .orElseThrow(() -> new SecondFactorRejectedException.InvalidRefreshToken());
    }

    @PostMapping("/logout")
    @Operation(summary = "Revoke a refresh token and its family")
    ResponseEntity<Map<String, Object>> logout(@Valid @RequestBody RefreshRequest request) {
        tokens.revoke(request.refreshToken());
        return ResponseEntity.status(HttpStatus.NO_CONTENT).build();
    }
}
