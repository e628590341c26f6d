package org.shifo.audit;

/** Why a chain fails verification at an entry. */
public enum BreakReason {
    /** The entry's MAC does not match its content: it was changed, or forged without the key. */
    MAC_MISMATCH,
    /** The chain skips this index: the entry there was deleted (or renumbered). */
    MISSING_ENTRY,
    /** The entry does not name the MAC of the entry before it: something was removed or put in between. */
    PREVIOUS_MAC_MISMATCH,
    /**
     * The chain disagrees with its latest checkpoint: it is shorter than the checkpoint says (its tail was
     * cut off), or the entry at the checkpointed position has another MAC (the chain was rebuilt).
     */
    CHECKPOINT_MISMATCH
}
