package org.shifo.audit.domain;

/** An entry with its place in the chain, as read back for verification. */
@SuppressWarnings("ArrayRecordComponent") // read once from a row and checked, never compared as a record
public record SealedEntry(EntryContent content, long chainIndex, byte[] previousMac, byte[] mac) {}
