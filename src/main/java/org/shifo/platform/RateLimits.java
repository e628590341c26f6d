package org.shifo.platform;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * Rate limits by category (sign-in, registration, uploads, webhooks, ...) and client key, kept in PostgreSQL
 * with Bucket4j so that every node counts against the same buckets. The limits come from {@code
 * shifo.rate-limits.<category>.capacity} and {@code .period}; a category with no setting is not limited.
 */
@Component
public class RateLimits {

    private final ProxyManager<String> buckets;
    private final Map<String, RateLimitSettings.Limit> limits;

    RateLimits(DataSource dataSource, RateLimitSettings settings) {
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("public.rate_limit_buckets")
                .expiresAtColumn("expires_at")
                .expirationAfterWrite(
                        ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
                .build();
        this.limits = Map.copyOf(settings.rateLimits());
    }

    /** Takes one token for {@code key} in {@code category}; empty when allowed, else how long to wait. */
    public Optional<Duration> tryConsume(String category, String key) {
        RateLimitSettings.Limit limit = limits.get(category);
        if (limit == null) {
            return Optional.empty();
        }
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(limit.capacity())
                        .refillIntervally(limit.capacity(), limit.period())
                        .build())
                .build();
        ConsumptionProbe probe = buckets.builder()
                .build(category + ":" + key, () -> configuration)
                .tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(Math.max(probe.getNanosToWaitForRefill(), 1_000_000_000L)));
    }
}
