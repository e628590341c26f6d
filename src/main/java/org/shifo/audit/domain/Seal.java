package org.shifo.audit.domain;

import java.util.UUID;

/** What the sealer writes for an entry: its tenant's chain position, the previous entry's MAC and its own. */
@SuppressWarnings("ArrayRecordComponent") // written once to a row, never compared as a record
public record Seal(long seq, UUID tenantId, long chainIndex, byte[] previousMac, byte[] mac) {}
