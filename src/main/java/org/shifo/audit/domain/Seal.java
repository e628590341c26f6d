package org.shifo.audit.domain;

/** What the sealer writes into an unsealed entry: its chain position, the previous entry's MAC and its own. */
@SuppressWarnings("ArrayRecordComponent") // written once to a row, never compared as a record
public record Seal(long seq, long chainIndex, byte[] previousMac, byte[] mac) {}
