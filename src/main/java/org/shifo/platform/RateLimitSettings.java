package org.shifo.platform;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Rate limits per category, e.g. {@code SHIFO_RATE_LIMITS_LOGIN_CAPACITY=5} and {@code
 * SHIFO_RATE_LIMITS_LOGIN_PERIOD=1m}.
 */
@ConfigurationProperties("shifo")
@Validated
public record RateLimitSettings(@DefaultValue Map<String, @Valid Limit> rateLimits) {

    /** At most {@code capacity} requests per {@code period} for one client. */
    public record Limit(@Positive long capacity, Duration period) {}
}
