package org.shifo.audit.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shifo.audit.domain.EntryContentFixtures.TENANT;
import static org.shifo.audit.domain.EntryContentFixtures.patientRead;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.shifo.audit.BreakReason;
import org.shifo.audit.ChainBreak;

class ChainVerifierTests {

    private final ChainMac mac = new ChainMac(new byte[32]);

    /** A correctly sealed chain of {@code length} entries. */
    private List<SealedEntry> chain(int length) {
        List<EntryContent> contents = new ArrayList<>();
        for (int seq = 1; seq <= length; seq++) {
            contents.add(patientRead(TENANT, seq));
        }
        List<Seal> seals = ChainSealing.seal(contents, Map.of(), mac);
        List<SealedEntry> entries = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            Seal seal = seals.get(i);
            entries.add(new SealedEntry(contents.get(i), seal.chainIndex(), seal.previousMac(), seal.mac()));
        }
        return entries;
    }

    private static ChainVerifier run(ChainVerifier verifier, List<SealedEntry> entries) {
        for (SealedEntry entry : entries) {
            if (!verifier.accept(entry)) {
                break;
            }
        }
        return verifier;
    }

    @Nested
    class FromTheStart {

        @Test
        void acceptsAnIntactChain() {
            ChainVerifier verifier = run(ChainVerifier.fromStart(mac, null), chain(5));

            assertThat(verifier.finish()).isEmpty();
            assertThat(verifier.entriesChecked()).isEqualTo(5);
            assertThat(verifier.head().chainIndex()).isEqualTo(5);
        }

        @Test
        void acceptsAnEmptyChain() {
            ChainVerifier verifier = ChainVerifier.fromStart(mac, null);

            assertThat(verifier.finish()).isEmpty();
            assertThat(verifier.head().isEmpty()).isTrue();
        }

        @Test
        void findsAChangedEntry() {
            List<SealedEntry> entries = chain(5);
            SealedEntry third = entries.get(2);
            entries.set(
                    2,
                    new SealedEntry(
                            EntryContentFixtures.withAction(third.content(), "patient.update"),
                            third.chainIndex(),
                            third.previousMac(),
                            third.mac()));

            ChainVerifier verifier = run(ChainVerifier.fromStart(mac, null), entries);

            assertThat(verifier.finish()).contains(new ChainBreak(3, BreakReason.MAC_MISMATCH));
            assertThat(verifier.entriesChecked()).isEqualTo(2);
        }

        @Test
        void findsADeletedEntry() {
            List<SealedEntry> entries = chain(5);
            entries.remove(2);

            assertThat(run(ChainVerifier.fromStart(mac, null), entries).finish())
                    .contains(new ChainBreak(3, BreakReason.MISSING_ENTRY));
        }

        @Test
        void findsADeletedFirstEntry() {
            List<SealedEntry> entries = chain(3);
            entries.removeFirst();

            assertThat(run(ChainVerifier.fromStart(mac, null), entries).finish())
                    .contains(new ChainBreak(1, BreakReason.MISSING_ENTRY));
        }

        @Test
        void findsADeletionHiddenByRenumbering() {
            List<SealedEntry> entries = chain(5);
            entries.remove(2);
            SealedEntry moved = entries.get(2);
            entries.set(2, new SealedEntry(moved.content(), 3, moved.previousMac(), moved.mac()));

            assertThat(run(ChainVerifier.fromStart(mac, null), entries).finish())
                    .contains(new ChainBreak(3, BreakReason.PREVIOUS_MAC_MISMATCH));
        }

        @Test
        void findsAForgedEntry() {
            List<SealedEntry> entries = chain(3);
            SealedEntry last = entries.getLast();
            byte[] madeUp = new byte[32];
            madeUp[0] = 7;
            entries.add(new SealedEntry(patientRead(TENANT, 99), 4, last.mac(), madeUp));

            assertThat(run(ChainVerifier.fromStart(mac, null), entries).finish())
                    .contains(new ChainBreak(4, BreakReason.MAC_MISMATCH));
        }

        @Test
        void findsATailCutOffBeforeTheCheckpoint() {
            List<SealedEntry> entries = chain(5);
            ChainHead checkpoint = new ChainHead(5, entries.get(4).mac());

            ChainVerifier verifier = run(ChainVerifier.fromStart(mac, checkpoint), entries.subList(0, 3));

            assertThat(verifier.finish()).contains(new ChainBreak(4, BreakReason.CHECKPOINT_MISMATCH));
            assertThat(verifier.entriesChecked()).isEqualTo(3);
        }

        @Test
        void findsAChainThatNoLongerHasTheCheckpointedHead() {
            List<SealedEntry> entries = chain(5);
            ChainHead checkpoint = new ChainHead(4, entries.get(0).mac());

            assertThat(run(ChainVerifier.fromStart(mac, checkpoint), entries).finish())
                    .contains(new ChainBreak(4, BreakReason.CHECKPOINT_MISMATCH));
        }

        @Test
        void acceptsAChainThatGrewPastItsCheckpoint() {
            List<SealedEntry> entries = chain(5);

            assertThat(run(
                                    ChainVerifier.fromStart(
                                            mac, new ChainHead(3, entries.get(2).mac())),
                                    entries)
                            .finish())
                    .isEmpty();
        }
    }

    @Nested
    class FromAnAnchor {

        @Test
        void checksOnlyTheEntriesAfterIt() {
            List<SealedEntry> entries = chain(6);
            ChainVerifier verifier = ChainVerifier.fromAnchor(
                    mac, new ChainHead(4, entries.get(3).mac()));

            run(verifier, entries.subList(3, 6));

            assertThat(verifier.startIndex()).isEqualTo(4);
            assertThat(verifier.finish()).isEmpty();
            assertThat(verifier.head().chainIndex()).isEqualTo(6);
            assertThat(verifier.head().mac()).isEqualTo(entries.get(5).mac());
        }

        @Test
        void keepsTheAnchorAsHeadWhenNothingFollows() {
            List<SealedEntry> entries = chain(4);
            ChainVerifier verifier = ChainVerifier.fromAnchor(
                    mac, new ChainHead(4, entries.get(3).mac()));

            run(verifier, entries.subList(3, 4));

            assertThat(verifier.finish()).isEmpty();
            assertThat(verifier.head().chainIndex()).isEqualTo(4);
        }

        @Test
        void findsAnAnchorThatIsGone() {
            List<SealedEntry> entries = chain(4);

            ChainVerifier verifier = ChainVerifier.fromAnchor(
                    mac, new ChainHead(6, entries.get(3).mac()));

            assertThat(verifier.finish()).contains(new ChainBreak(6, BreakReason.CHECKPOINT_MISMATCH));
        }

        @Test
        void findsAnAnchorWithAnotherMac() {
            List<SealedEntry> entries = chain(4);
            ChainVerifier verifier = ChainVerifier.fromAnchor(
                    mac, new ChainHead(2, entries.get(0).mac()));

            run(verifier, entries.subList(1, 4));

            assertThat(verifier.finish()).contains(new ChainBreak(2, BreakReason.CHECKPOINT_MISMATCH));
        }
    }
}
