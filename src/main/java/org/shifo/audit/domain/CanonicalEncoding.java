package org.shifo.audit.domain;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The bytes an entry's MAC is computed over: version 1 of the format, fixed for the life of the data.
 *
 * <p>Every field is written in a fixed order and is either of fixed width (UUIDs as 16 bytes, numbers as
 * 8-byte big-endian) or length-prefixed (strings as a 4-byte length and their UTF-8 bytes; a null string as
 * length -1), so no two different entries can encode alike: moving a character from one field to the next
 * changes a length. Time is encoded as microseconds since the epoch, the precision PostgreSQL keeps (Java's
 * clock has nanoseconds: entries are truncated to microseconds before they are stored). Details are written
 * sorted by key, preceded by their count.
 *
 * <p>Changing anything here breaks the verification of every entry already sealed: a new format needs a
 * new version tag and a way to tell which entries use it.
 */
public final class CanonicalEncoding {

    /** Domain separation: these bytes are only ever an audit entry of this format. */
    static final String FORMAT = "shifo.audit.entry/1";

    private CanonicalEncoding() {}

    public static byte[] encode(EntryContent content, long chainIndex, byte[] previousMac) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writeString(out, FORMAT);
            writeUuid(out, content.tenantId());
            out.writeLong(chainIndex);
            out.writeLong(content.seq());
            out.writeLong(epochMicros(content.occurredAt()));
            writeString(out, content.actorType());
            writeNullableUuid(out, content.actorId());
            writeString(out, content.actorName());
            writeString(out, content.action());
            writeString(out, content.targetType());
            writeString(out, content.targetId());
            writeString(out, content.outcome());
            writeString(out, content.clientIp());
            writeString(out, content.requestId());
            out.writeInt(content.details().size());
            for (Map.Entry<String, String> detail : content.details().entrySet()) {
                writeString(out, detail.getKey());
                writeString(out, detail.getValue());
            }
            out.writeInt(previousMac.length);
            out.write(previousMac);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen: writing to memory", e);
        }
        return bytes.toByteArray();
    }

    /** Microseconds since the epoch; sub-microsecond digits are dropped (the database has none). */
    static long epochMicros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    private static void writeString(DataOutputStream out, @Nullable String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static void writeUuid(DataOutputStream out, UUID value) throws IOException {
        out.writeLong(value.getMostSignificantBits());
        out.writeLong(value.getLeastSignificantBits());
    }

    private static void writeNullableUuid(DataOutputStream out, @Nullable UUID value) throws IOException {
        if (value == null) {
            out.writeByte(0);
            return;
        }
        out.writeByte(1);
        writeUuid(out, value);
    }
}
