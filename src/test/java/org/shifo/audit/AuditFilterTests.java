package org.shifo.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuditFilterTests {

    private static final UUID TENANT = UUID.randomUUID();

    @Test
    void matchesEverythingOfTheTenantByDefault() {
        AuditFilter filter = AuditFilter.forTenant(TENANT);

        assertThat(filter.actorId()).isNull();
        assertThat(filter.action()).isNull();
        assertThat(filter.from()).isNull();
    }

    @Test
    void refusesATargetIdWithoutItsType() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new AuditFilter(TENANT, null, null, null, "p-1", null, null, null));
    }

    @Test
    void refusesARangeThatEndsBeforeItStarts() {
        Instant now = Instant.parse("2026-11-22T10:00:00Z");

        assertThatIllegalArgumentException()
                .isThrownBy(() -> AuditFilter.forTenant(TENANT).between(now, now.minusSeconds(1)));
    }

    @Test
    void refusesAMalformedAction() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> AuditFilter.forTenant(TENANT).withAction("read"));
    }

    @Test
    void refusesPagesOfNoEntriesOrTooMany() {
        assertThatIllegalArgumentException().isThrownBy(() -> AuditPageRequest.first(0));
        assertThatIllegalArgumentException().isThrownBy(() -> AuditPageRequest.first(AuditPageRequest.MAX_SIZE + 1));
    }
}
