package org.shifo.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuditCursorTests {

    @Test
    void survivesEncodingAsAToken() {
        AuditCursor cursor = new AuditCursor(Instant.parse("2026-11-22T10:15:30.123456Z"), 12_345);

        String token = cursor.encode();

        assertThat(token).matches("[A-Za-z0-9_-]+");
        assertThat(AuditCursor.decode(token)).isEqualTo(cursor);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not base64 !", "MTIz", "YS5iLmM"})
    void refusesTokensItDidNotMake(String token) {
        assertThatIllegalArgumentException().isThrownBy(() -> AuditCursor.decode(token));
    }
}
