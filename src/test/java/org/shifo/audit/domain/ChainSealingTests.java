package org.shifo.audit.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shifo.audit.domain.EntryContentFixtures.OTHER_TENANT;
import static org.shifo.audit.domain.EntryContentFixtures.TENANT;
import static org.shifo.audit.domain.EntryContentFixtures.patientRead;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChainSealingTests {

    private final ChainMac mac = new ChainMac(new byte[32]);

    @Test
    void startsANewChainAtIndexOneAfterTheGenesisMac() {
        List<Seal> seals = ChainSealing.seal(List.of(patientRead(TENANT, 1)), Map.of(), mac);

        assertThat(seals).singleElement().satisfies(seal -> {
            assertThat(seal.seq()).isEqualTo(1);
            assertThat(seal.chainIndex()).isEqualTo(1);
            assertThat(seal.previousMac()).isEqualTo(ChainMac.genesis());
            assertThat(seal.mac()).isEqualTo(mac.compute(patientRead(TENANT, 1), 1, ChainMac.genesis()));
        });
    }

    @Test
    void linksEachEntryToThePreviousOneInTheOrderGiven() {
        List<Seal> seals = ChainSealing.seal(
                List.of(patientRead(TENANT, 1), patientRead(TENANT, 2), patientRead(TENANT, 3)), Map.of(), mac);

        assertThat(seals).extracting(Seal::chainIndex).containsExactly(1L, 2L, 3L);
        assertThat(seals.get(1).previousMac()).isEqualTo(seals.get(0).mac());
        assertThat(seals.get(2).previousMac()).isEqualTo(seals.get(1).mac());
    }

    @Test
    void continuesFromTheTenantsHead() {
        ChainHead head = new ChainHead(41, mac.compute(patientRead(TENANT, 9), 41, ChainMac.genesis()));

        List<Seal> seals = ChainSealing.seal(List.of(patientRead(TENANT, 10)), Map.of(TENANT, head), mac);

        assertThat(seals.getFirst().chainIndex()).isEqualTo(42);
        assertThat(seals.getFirst().previousMac()).isEqualTo(head.mac());
    }

    @Test
    void keepsEachTenantsChainApart() {
        List<Seal> seals = ChainSealing.seal(
                List.of(patientRead(TENANT, 1), patientRead(OTHER_TENANT, 2), patientRead(TENANT, 3)), Map.of(), mac);

        assertThat(seals).extracting(Seal::chainIndex).containsExactly(1L, 1L, 2L);
        assertThat(seals.get(1).previousMac()).isEqualTo(ChainMac.genesis());
        assertThat(seals.get(2).previousMac()).isEqualTo(seals.get(0).mac());
    }
}
