package org.shifo.identity.security;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.shifo.identity.BranchId;
import org.shifo.identity.BranchRole;
import org.shifo.identity.Role;
import org.shifo.identity.Staff;
import org.shifo.identity.TenantId;
import org.shifo.identity.UserId;
import org.shifo.platform.SecretKeys;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;

/**
 * Issues and reads Shifo's JWTs, signed HS256 with a key derived from {@code SHIFO_SECRET_KEY}. Two kinds
 * exist, told apart by audience so neither can stand in for the other: access tokens ({@value #API}, 15
 * minutes, carrying user, tenant and roles) and MFA tokens ({@value #MFA}, 5 minutes, good only for the
 * second sign-in step).
 */
@Component
public final class AccessTokens {

    static final String ISSUER = "shifo";
    static final String API = "shifo-api";
    static final String MFA = "shifo-mfa";
    public static final Duration ACCESS_LIFETIME = Duration.ofMinutes(15);
    public static final Duration MFA_LIFETIME = Duration.ofMinutes(5);

    private final JwtEncoder encoder;
    private final NimbusJwtDecoder apiDecoder;
    private final NimbusJwtDecoder mfaDecoder;
    private final Clock clock;

    AccessTokens(SecretKeys keys, Clock clock, TokenCutoffs cutoffs) {
        SecretKey key = new SecretKeySpec(keys.derive("jwt-hs256"), "HmacSHA256");
        this.encoder = new NimbusJwtEncoder(new ImmutableSecret<>(key));
        this.apiDecoder = decoder(key, API, clock, jwt -> {
            String subject = jwt.getSubject();
            boolean cut;
            try {
                cut = subject == null || cutoffs.refuses(UUID.fromString(subject), jwt.getIssuedAt());
            } catch (IllegalArgumentException notAnId) {
                cut = true;
            }
            return cut
                    ? OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "Token cut off", null))
                    : OAuth2TokenValidatorResult.success();
        });
        this.mfaDecoder = decoder(key, MFA, clock, jwt -> OAuth2TokenValidatorResult.success());
        this.clock = clock;
    }

    private static NimbusJwtDecoder decoder(
            SecretKey key, String audience, Clock clock, OAuth2TokenValidator<Jwt> more) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(key)
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        // "iss" is the plain name "shifo", not a URL: the default converter tries a URL first and throws (and
        // fills a stack trace) on every request before falling back to the string; keep it a string at once
        Converter<Object, ?> asIs = value -> value;
        decoder.setClaimSetConverter(MappedJwtClaimSetConverter.withDefaults(Map.of(JwtClaimNames.ISS, asIs)));
        JwtTimestampValidator timestamps = new JwtTimestampValidator(Duration.ofSeconds(30));
        timestamps.setClock(clock);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                timestamps,
                jwt -> {
                    boolean ok = ISSUER.equals(jwt.getClaimAsString("iss"))
                            && jwt.getAudience() != null
                            && jwt.getAudience().contains(audience);
                    return ok
                            ? OAuth2TokenValidatorResult.success()
                            : OAuth2TokenValidatorResult.failure(
                                    new OAuth2Error("invalid_token", "Wrong token kind", null));
                },
                more));
        return decoder;
    }

    public String issueAccess(Staff staff) {
        Instant now = clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(ISSUER)
                .audience(List.of(API))
                .id(UUID.randomUUID().toString())
                .subject(staff.userId().toString())
                .issuedAt(now)
                .expiresAt(now.plus(ACCESS_LIFETIME))
                .claim("tid", staff.tenantId().toString())
                .claim("usr", staff.username())
                .claim("name", staff.fullName())
                .claim("lang", staff.language())
                .claim("op", staff.isOperator())
                .claim(
                        "roles",
                        staff.roles().stream()
                                .map(role -> Map.of(
                                        "branch",
                                        role.branchId().toString(),
                                        "role",
                                        role.role().name()))
                                .toList())
                .build();
        return encode(claims);
    }

    public String issueMfa(UserId user, TenantId tenant) {
        Instant now = clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(ISSUER)
                .audience(List.of(MFA))
                .id(UUID.randomUUID().toString())
                .subject(user.toString())
                .issuedAt(now)
                .expiresAt(now.plus(MFA_LIFETIME))
                .claim("tid", tenant.toString())
                .build();
        return encode(claims);
    }

    private String encode(JwtClaimsSet claims) {
        JwsHeader header = JwsHeader.with(MacAlgorithm.HS256).build();
        return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }

    JwtDecoder apiDecoder() {
        return apiDecoder;
    }

    /** Reads an MFA token: the user and tenant it was issued to. Throws {@code JwtException} when invalid. */
    public PendingMfa readMfa(String token) {
        Jwt jwt = mfaDecoder.decode(token);
        return new PendingMfa(
                new UserId(UUID.fromString(jwt.getSubject())),
                new TenantId(UUID.fromString(jwt.getClaimAsString("tid"))),
                Objects.requireNonNull(jwt.getId(), "jti"),
                Objects.requireNonNull(jwt.getExpiresAt(), "exp"));
    }

    static Staff staffOf(Jwt jwt) {
        List<Map<String, Object>> roles = jwt.getClaim("roles");
        Set<BranchRole> branchRoles = roles == null
                ? Set.of()
                : roles.stream()
                        .map(role -> new BranchRole(
                                new BranchId(UUID.fromString(String.valueOf(role.get("branch")))),
                                Role.valueOf(String.valueOf(role.get("role")))))
                        .collect(Collectors.toUnmodifiableSet());
        return new Staff(
                new UserId(UUID.fromString(jwt.getSubject())),
                new TenantId(UUID.fromString(jwt.getClaimAsString("tid"))),
                required(jwt, "usr"),
                required(jwt, "name"),
                required(jwt, "lang"),
                branchRoles,
                Boolean.TRUE.equals(jwt.getClaimAsBoolean("op")));
    }

    private static String required(Jwt jwt, String claim) {
        String value = jwt.getClaimAsString(claim);
        if (value == null) {
            throw new org.springframework.security.oauth2.jwt.BadJwtException("Missing claim " + claim);
        }
        return value;
    }

    /** Who an MFA token was issued to, and the token's own id and expiry (wrong codes are counted per token). */
    public record PendingMfa(UserId userId, TenantId tenantId, String tokenId, Instant expiresAt) {}
}
