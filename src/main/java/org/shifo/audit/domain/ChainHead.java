package org.shifo.audit.domain;

import java.util.HexFormat;
import org.shifo.audit.AuditCheckpoint;

/**
 * A position in a tenant's chain and the MAC of the entry there: the head the sealer continues from, or a
 * checkpoint. Index 0 with the genesis MAC is the head of a chain with no entries.
 */
@SuppressWarnings("ArrayRecordComponent") // a value carried between SQL and the MAC, never compared as a record
public record ChainHead(long chainIndex, byte[] mac) {

    public ChainHead {
        if (chainIndex < 0) {
            throw new IllegalArgumentException("chainIndex must not be negative");
        }
        if (mac.length != ChainMac.LENGTH) {
            throw new IllegalArgumentException("a chain MAC has " + ChainMac.LENGTH + " bytes");
        }
    }

    public static ChainHead empty() {
        return new ChainHead(0, ChainMac.genesis());
    }

    /** The head a checkpoint recorded. */
    public static ChainHead of(AuditCheckpoint checkpoint) {
        return new ChainHead(checkpoint.entryCount(), HexFormat.of().parseHex(checkpoint.headMac()));
    }

    public boolean isEmpty() {
        return chainIndex == 0;
    }

    public String macHex() {
        return HexFormat.of().formatHex(mac);
    }
}
