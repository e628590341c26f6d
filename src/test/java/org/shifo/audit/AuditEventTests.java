package org.shifo.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuditEventTests {

    private static final UUID TENANT = UUID.fromString("01890a5d-ac96-774b-bcce-b302099a8057");

    private static AuditEvent read() {
        return AuditEventFixtures.patientRead(TENANT);
    }

    @Test
    void acceptsAPatientRead() {
        AuditEvent event = read().withDetail("branchId", "0190d1d0-5a5a-7000-8000-000000000001");

        assertThat(event.action()).isEqualTo("patient.read");
        assertThat(event.details()).containsEntry("branchId", "0190d1d0-5a5a-7000-8000-000000000001");
        assertThat(event.requestId()).isNull();
        assertThat(event.clientAddress()).isNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"read", "Patient.read", "patient.", ".read", "patient read", "patient.read;", "пациент.read"})
    void refusesActionsThatAreNotDottedCodes(String action) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> AuditEvent.of(
                        TENANT, AuditActor.system("test"), action, "patient", "p-1", AuditOutcome.SUCCESS));
    }

    @Test
    void refusesAnOverlongAction() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> AuditEvent.of(
                        TENANT,
                        AuditActor.system("test"),
                        "patient." + "a".repeat(60),
                        "patient",
                        "p-1",
                        AuditOutcome.SUCCESS));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "a b",
                "Aziz Karimov, born 1980",
                "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
                "<script>"
            })
    void refusesTargetIdsThatAreNotIdentifiers(String targetId) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> AuditEvent.of(
                        TENANT, AuditActor.system("test"), "patient.read", "patient", targetId, AuditOutcome.SUCCESS));
    }

    @Test
    void refusesFreeTextInDetails() {
        assertThatIllegalArgumentException().isThrownBy(() -> read().withDetail("diagnosis", "suspected tuberculosis"));
    }

    @Test
    void refusesMalformedDetailKeys() {
        assertThatIllegalArgumentException().isThrownBy(() -> read().withDetail("Branch Id", "b1"));
    }

    @Test
    void refusesMoreThanSixteenDetails() {
        Map<String, String> details = new HashMap<>();
        for (int i = 0; i < 17; i++) {
            details.put("id" + i, "v" + i);
        }

        assertThatIllegalArgumentException().isThrownBy(() -> read().withDetails(details));
    }

    @Test
    void keepsDetailsSortedAndUnmodifiable() {
        AuditEvent event = read().withDetails(Map.of("b", "2", "a", "1"));

        assertThat(event.details().keySet()).containsExactly("a", "b");
        assertThatExceptionOfType(UnsupportedOperationException.class)
                .isThrownBy(() -> event.details().put("c", "3"));
    }

    @Test
    void normalizesAnExplicitClientAddress() {
        assertThat(read().withRequest("req-1", "[2001:DB8::1]").clientAddress()).isEqualTo("2001:db8::1");
    }

    @Test
    void refusesAClientAddressThatIsNotAnIpLiteral() {
        assertThatIllegalArgumentException().isThrownBy(() -> read().withRequest("req-1", "proxy.example"));
    }

    @Test
    void refusesAMalformedRequestId() {
        assertThatIllegalArgumentException().isThrownBy(() -> read().withRequest("req 1\n", null));
    }

    @Test
    void refusesAUserActorWithoutAName() {
        assertThatIllegalArgumentException().isThrownBy(() -> AuditActor.user(UUID.randomUUID(), " "));
        assertThatIllegalArgumentException().isThrownBy(() -> AuditActor.user(UUID.randomUUID(), "Aziz\nKarimov"));
    }

    @Test
    void refusesASystemActorNameThatIsNotACode() {
        assertThatIllegalArgumentException().isThrownBy(() -> AuditActor.system("Nightly Job"));
    }
}
