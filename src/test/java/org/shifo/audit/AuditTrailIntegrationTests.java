package org.shifo.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shifo.audit.AuditTampering.callInTenant;
import static org.shifo.audit.AuditTampering.inTenant;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shifo.audit.jobs.AuditSealer;
import org.shifo.audit.persistence.Entries;
import org.shifo.platform.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
class AuditTrailIntegrationTests {

    private static final Instant NINE = Instant.parse("2026-11-20T09:00:00Z");
    private static final AuditActor DOCTOR = AuditActor.user(UUID.randomUUID(), "Aziz Rahimov");

    @Autowired
    AuditTrail trail;

    @Autowired
    Entries entries;

    @Autowired
    AuditSealer sealer;

    @Autowired
    TransactionTemplate transaction;

    private final UUID tenant = UUID.randomUUID();
    private final UUID otherTenant = UUID.randomUUID();
    private final UUID patient = UUID.randomUUID();

    /** Ten entries a minute apart from 09:00: even minutes the receptionist, odd ones the doctor. */
    @BeforeEach
    void aMorningOfEntries() {
        inTenant(tenant, () -> transaction.executeWithoutResult(status -> recordTheMorning()));
        inTenant(
                otherTenant,
                () -> transaction.executeWithoutResult(
                        status -> entries.insert(AuditEventFixtures.patientRead(otherTenant, patient), NINE)));
    }

    private void recordTheMorning() {
        for (int minute = 0; minute < 10; minute++) {
            AuditEvent event = minute % 2 == 0
                    ? AuditEventFixtures.patientRead(tenant, patient)
                    : AuditEvent.of(
                            tenant, DOCTOR, "encounter.close", "encounter", "e-" + minute, AuditOutcome.SUCCESS);
            if (minute == 9) {
                event = AuditEventFixtures.patientReadDenied(tenant, DOCTOR);
            }
            entries.insert(event, NINE.plusSeconds(60L * minute));
        }
    }

    /** Searches as an administrator of the filter's tenant would. */
    private AuditPage search(AuditFilter filter, AuditPageRequest page) {
        return callInTenant(filter.tenantId(), () -> trail.search(filter, page));
    }

    private List<Instant> times(AuditPage page) {
        return page.entries().stream().map(AuditEntry::occurredAt).toList();
    }

    @Test
    void listsATenantsEntriesNewestFirst() {
        AuditPage page = search(AuditFilter.forTenant(tenant), AuditPageRequest.first(50));

        assertThat(page.entries()).hasSize(10).allSatisfy(entry -> assertThat(entry.tenantId())
                .isEqualTo(tenant));
        assertThat(times(page)).isSortedAccordingTo((left, right) -> right.compareTo(left));
        assertThat(page.hasNext()).isFalse();
    }

    @Test
    void pagesThroughTheTrailWithoutGapsOrRepeats() {
        List<Long> seen = new ArrayList<>();
        AuditPageRequest request = AuditPageRequest.first(3);
        AuditPage page;
        do {
            page = search(AuditFilter.forTenant(tenant), request);
            page.entries().forEach(entry -> seen.add(entry.seq()));
            if (page.next() != null) {
                request = request.next(AuditCursor.decode(page.next().encode()));
            }
        } while (page.hasNext());

        assertThat(seen).hasSize(10).doesNotHaveDuplicates();
    }

    @Test
    void filtersByActor() {
        AuditPage page = search(
                AuditFilter.forTenant(tenant).withActor(AuditEventFixtures.RECEPTIONIST_ID),
                AuditPageRequest.first(50));

        assertThat(page.entries()).hasSize(5).allSatisfy(entry -> assertThat(entry.actor())
                .isEqualTo(AuditEventFixtures.RECEPTIONIST));
    }

    @Test
    void filtersByActionAndOutcome() {
        AuditPage reads = search(AuditFilter.forTenant(tenant).withAction("patient.read"), AuditPageRequest.first(50));
        AuditPage denied =
                search(AuditFilter.forTenant(tenant).withOutcome(AuditOutcome.DENIED), AuditPageRequest.first(50));

        assertThat(reads.entries()).hasSize(6);
        assertThat(denied.entries()).singleElement().satisfies(entry -> {
            assertThat(entry.actor()).isEqualTo(DOCTOR);
            assertThat(entry.occurredAt()).isEqualTo(NINE.plusSeconds(540));
        });
    }

    @Test
    void filtersByTarget() {
        AuditPage page = search(
                AuditFilter.forTenant(tenant).withTarget("patient", patient.toString()), AuditPageRequest.first(50));

        assertThat(page.entries()).hasSize(5);
        assertThat(search(AuditFilter.forTenant(tenant).withTargetType("encounter"), AuditPageRequest.first(50))
                        .entries())
                .hasSize(4);
    }

    @Test
    void filtersByTimeFromInclusiveToExclusive() {
        AuditPage page = search(
                AuditFilter.forTenant(tenant).between(NINE.plusSeconds(120), NINE.plusSeconds(300)),
                AuditPageRequest.first(50));

        assertThat(times(page)).containsExactly(NINE.plusSeconds(240), NINE.plusSeconds(180), NINE.plusSeconds(120));
    }

    @Test
    void showsWhetherEachEntryIsSealed() {
        assertThat(search(AuditFilter.forTenant(tenant), AuditPageRequest.first(1))
                        .entries())
                .singleElement()
                .satisfies(entry -> assertThat(entry.isSealed()).isFalse());

        sealer.sealPending();

        assertThat(search(AuditFilter.forTenant(tenant), AuditPageRequest.first(1))
                        .entries())
                .singleElement()
                .satisfies(entry -> {
                    assertThat(entry.isSealed()).isTrue();
                    assertThat(entry.chainIndex()).isEqualTo(10);
                    assertThat(entry.sealedAt()).isNotNull();
                });
    }

    @Test
    void showsNothingOfAnotherTenantWhateverTheFilterSays() {
        AuditPage page = callInTenant(
                tenant, () -> trail.search(AuditFilter.forTenant(otherTenant), AuditPageRequest.first(50)));

        assertThat(page.entries()).isEmpty();
    }

    @Test
    void neverShowsAnotherTenantsEntries() {
        AuditPage page = search(
                AuditFilter.forTenant(otherTenant).withTarget("patient", patient.toString()),
                AuditPageRequest.first(50));

        assertThat(page.entries()).singleElement().satisfies(entry -> assertThat(entry.tenantId())
                .isEqualTo(otherTenant));
    }
}
