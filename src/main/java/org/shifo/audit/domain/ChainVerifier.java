package org.shifo.audit.domain;

import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.shifo.audit.BreakReason;
import org.shifo.audit.ChainBreak;

/**
 * Recomputes one tenant's chain from a stream of its sealed entries in chain-index order, one entry at a
 * time, so a chain of any length is checked in constant memory. It stops at the first break.
 *
 * <p>It starts either at the beginning of the chain or at an anchor: a position already verified (the
 * latest checkpoint), whose entry must still be there with the same MAC; then only the entries after it are
 * recomputed. An optional checkpoint is compared with the chain as it goes and at the end.
 */
public final class ChainVerifier {

    private final ChainMac mac;
    private final ChainHead anchor;
    private final @Nullable ChainHead checkpoint;

    private boolean anchorSeen;
    private long expectedIndex;
    private byte[] previousMac;
    private long entriesChecked;
    private @Nullable ChainBreak firstBreak;

    private ChainVerifier(ChainMac mac, ChainHead anchor, @Nullable ChainHead checkpoint) {
        this.mac = mac;
        this.anchor = anchor;
        this.checkpoint = checkpoint;
        this.anchorSeen = anchor.isEmpty();
        this.expectedIndex = anchor.chainIndex() + 1;
        this.previousMac = anchor.mac();
    }

    /** Verifies a whole chain, from index 1, and compares it with {@code checkpoint} when there is one. */
    public static ChainVerifier fromStart(ChainMac mac, @Nullable ChainHead checkpoint) {
        return new ChainVerifier(mac, ChainHead.empty(), checkpoint);
    }

    /**
     * Verifies the entries after {@code anchor}: the stream must begin with the entry at the anchor's index
     * (and that entry must still carry the anchor's MAC).
     */
    public static ChainVerifier fromAnchor(ChainMac mac, ChainHead anchor) {
        return new ChainVerifier(mac, anchor, null);
    }

    /** The chain index the stream must begin at. */
    public long startIndex() {
        return anchor.isEmpty() ? 1 : anchor.chainIndex();
    }

    /** Checks the next entry; false once the chain is broken, when the caller may stop streaming. */
    public boolean accept(SealedEntry entry) {
        if (firstBreak != null) {
            return false;
        }
        if (!anchorSeen) {
            anchorSeen = true;
            if (entry.chainIndex() != anchor.chainIndex() || !ChainMac.same(entry.mac(), anchor.mac())) {
                return broken(anchor.chainIndex(), BreakReason.CHECKPOINT_MISMATCH);
            }
            entriesChecked++;
            return true;
        }
        if (entry.chainIndex() != expectedIndex) {
            return broken(expectedIndex, BreakReason.MISSING_ENTRY);
        }
        if (!ChainMac.same(entry.previousMac(), previousMac)) {
            return broken(entry.chainIndex(), BreakReason.PREVIOUS_MAC_MISMATCH);
        }
        if (!ChainMac.same(entry.mac(), mac.compute(entry.content(), entry.chainIndex(), entry.previousMac()))) {
            return broken(entry.chainIndex(), BreakReason.MAC_MISMATCH);
        }
        if (checkpoint != null
                && entry.chainIndex() == checkpoint.chainIndex()
                && !ChainMac.same(entry.mac(), checkpoint.mac())) {
            return broken(entry.chainIndex(), BreakReason.CHECKPOINT_MISMATCH);
        }
        previousMac = entry.mac();
        expectedIndex++;
        entriesChecked++;
        return true;
    }

    /** Ends the stream: the first break, if any, including a chain shorter than its anchor or checkpoint. */
    public Optional<ChainBreak> finish() {
        if (firstBreak == null && !anchorSeen) {
            broken(anchor.chainIndex(), BreakReason.CHECKPOINT_MISMATCH);
        }
        if (firstBreak == null && checkpoint != null && lastIndex() < checkpoint.chainIndex()) {
            broken(lastIndex() + 1, BreakReason.CHECKPOINT_MISMATCH);
        }
        return Optional.ofNullable(firstBreak);
    }

    public long entriesChecked() {
        return entriesChecked;
    }

    /** The last verified position: where a new checkpoint may be taken once {@link #finish()} found no break. */
    public ChainHead head() {
        return new ChainHead(lastIndex(), previousMac);
    }

    private long lastIndex() {
        return expectedIndex - 1;
    }

    private boolean broken(long chainIndex, BreakReason reason) {
        firstBreak = new ChainBreak(chainIndex, reason);
        return false;
    }
}
