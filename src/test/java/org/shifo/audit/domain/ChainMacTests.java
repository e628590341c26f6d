package org.shifo.audit.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.shifo.audit.domain.EntryContentFixtures.patientRead;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ChainMacTests {

    private static final byte[] KEY = new byte[32];

    static {
        for (int i = 0; i < KEY.length; i++) {
            KEY[i] = (byte) i;
        }
    }

    @Test
    void matchesTheVectorComputedByAnIndependentImplementationOfFormatOne() {
        // Computed outside Java (Python's hmac and struct) from the format written in CanonicalEncoding's
        // Javadoc: if this fails, entries sealed before the change no longer verify.
        byte[] previous = new byte[32];
        Arrays.fill(previous, (byte) 0x11);

        byte[] mac = new ChainMac(KEY).compute(patientRead(), 7, previous);

        assertThat(HexFormat.of().formatHex(mac))
                .isEqualTo("b78a9e5ecf2eb9b26b9da83ed3801df867ba33d7b01fb40aed9d6f779499abf9");
    }

    @Test
    void dependsOnTheKey() {
        byte[] otherKey = KEY.clone();
        otherKey[0] = 99;

        assertThat(new ChainMac(otherKey).compute(patientRead(), 1, ChainMac.genesis()))
                .isNotEqualTo(new ChainMac(KEY).compute(patientRead(), 1, ChainMac.genesis()));
    }

    @Test
    void isThirtyTwoBytes() {
        assertThat(new ChainMac(KEY).compute(patientRead(), 1, ChainMac.genesis()))
                .hasSize(ChainMac.LENGTH);
    }

    @Test
    void refusesAShortKey() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ChainMac(new byte[16]));
    }

    @Test
    void comparesMacsByValue() {
        assertThat(ChainMac.same(ChainMac.genesis(), ChainMac.genesis())).isTrue();
        assertThat(ChainMac.same(ChainMac.genesis(), new byte[31])).isFalse();
    }
}
