package org.shifo.audit.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shifo.audit.domain.EntryContentFixtures.patientRead;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalEncodingTests {

    private static final byte[] PREVIOUS = ChainMac.genesis();

    @Test
    void beginsWithTheLengthPrefixedFormatTag() {
        byte[] encoded = CanonicalEncoding.encode(patientRead(), 1, PREVIOUS);

        assertThat(encoded[3]).isEqualTo((byte) CanonicalEncoding.FORMAT.length());
        assertThat(new String(encoded, 4, CanonicalEncoding.FORMAT.length(), StandardCharsets.UTF_8))
                .isEqualTo("shifo.audit.entry/1");
    }

    @Test
    void isTheSameForTheSameContent() {
        assertThat(CanonicalEncoding.encode(patientRead(), 3, PREVIOUS))
                .isEqualTo(CanonicalEncoding.encode(patientRead(), 3, PREVIOUS));
    }

    @Test
    void changesWhenCharactersMoveFromOneFieldToTheNext() {
        EntryContent content = patientRead();
        EntryContent shifted = EntryContentFixtures.withActorNameAndAction(content, "Dilnoza Karimovap", "atient.read");

        assertThat(CanonicalEncoding.encode(shifted, 1, PREVIOUS))
                .isNotEqualTo(CanonicalEncoding.encode(content, 1, PREVIOUS));
    }

    @Test
    void tellsAMissingValueFromAnEmptyOne() {
        EntryContent withoutAddress = EntryContentFixtures.withClientIp(patientRead(), "");
        EntryContent nullAddress = new EntryContent(
                withoutAddress.seq(),
                withoutAddress.tenantId(),
                withoutAddress.occurredAt(),
                withoutAddress.actorType(),
                withoutAddress.actorId(),
                withoutAddress.actorName(),
                withoutAddress.action(),
                withoutAddress.targetType(),
                withoutAddress.targetId(),
                withoutAddress.outcome(),
                null,
                withoutAddress.requestId(),
                withoutAddress.details());

        assertThat(CanonicalEncoding.encode(withoutAddress, 1, PREVIOUS))
                .isNotEqualTo(CanonicalEncoding.encode(nullAddress, 1, PREVIOUS));
    }

    @Test
    void writesDetailsInKeyOrderWhateverOrderTheyCameIn() {
        Map<String, String> oneOrder = new LinkedHashMap<>();
        oneOrder.put("encounterId", "e-7");
        oneOrder.put("branchId", "b1");

        assertThat(CanonicalEncoding.encode(EntryContentFixtures.withDetails(patientRead(), oneOrder), 1, PREVIOUS))
                .isEqualTo(CanonicalEncoding.encode(patientRead(), 1, PREVIOUS));
    }

    @Test
    void keepsMicrosecondsAndDropsNanoseconds() {
        EntryContent micros =
                EntryContentFixtures.occurredAt(patientRead(), Instant.parse("2026-11-22T10:15:30.123456Z"));
        EntryContent nanos =
                EntryContentFixtures.occurredAt(patientRead(), Instant.parse("2026-11-22T10:15:30.123456789Z"));
        EntryContent nextMicro =
                EntryContentFixtures.occurredAt(patientRead(), Instant.parse("2026-11-22T10:15:30.123457Z"));

        assertThat(CanonicalEncoding.encode(nanos, 1, PREVIOUS))
                .isEqualTo(CanonicalEncoding.encode(micros, 1, PREVIOUS));
        assertThat(CanonicalEncoding.encode(nextMicro, 1, PREVIOUS))
                .isNotEqualTo(CanonicalEncoding.encode(micros, 1, PREVIOUS));
    }

    @Test
    void encodesTimesBeforeTheEpochWithoutOverlap() {
        assertThat(CanonicalEncoding.epochMicros(Instant.parse("1969-12-31T23:59:59.999999Z")))
                .isEqualTo(-1);
        assertThat(CanonicalEncoding.epochMicros(Instant.EPOCH)).isZero();
    }

    @Test
    void bindsTheChainIndexAndThePreviousMac() {
        byte[] other = ChainMac.genesis();
        other[31] = 1;

        assertThat(CanonicalEncoding.encode(patientRead(), 2, PREVIOUS))
                .isNotEqualTo(CanonicalEncoding.encode(patientRead(), 1, PREVIOUS));
        assertThat(CanonicalEncoding.encode(patientRead(), 1, other))
                .isNotEqualTo(CanonicalEncoding.encode(patientRead(), 1, PREVIOUS));
    }
}
