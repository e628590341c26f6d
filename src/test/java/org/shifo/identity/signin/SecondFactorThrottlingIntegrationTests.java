package org.shifo.identity.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shifo.identity.Role;
import org.shifo.identity.Staff;
import org.shifo.platform.testing.IdentityFixtures;
import org.shifo.platform.testing.IntegrationTest;
import org.shifo.platform.testing.TestClock;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
class SecondFactorThrottlingIntegrationTests {

    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    @Autowired
    SignIn signIn;

    @Autowired
    SecondFactor secondFactor;

    @Autowired
    IdentityFixtures fixtures;

    @Autowired
    TestClock clock;

    private IdentityFixtures.Clinic clinic;
    private String address;

    @BeforeEach
    void setUp() {
        clinic = fixtures.clinic();
        int n = ADDRESSES.getAndIncrement();
        address = "192.0.2." + (n % 250 + 1) + "-" + UUID.randomUUID(); // a key of its own per test
    }

    /** A nurse with an enrolled authenticator; returns the secret. */
    private Enrolled enrolled() {
        Staff nurse = fixtures.staff(clinic, Role.NURSE);
        SignIn.Enrollment enrollment = signIn.startEnrollment(nurse.userId(), nurse.tenantId());
        assertThat(signIn.confirmEnrollment(
                        nurse.userId(),
                        nurse.tenantId(),
                        secondFactor.codeAt(enrollment.secret(), secondFactor.currentStep())))
                .isPresent();
        clock.advance(Duration.ofSeconds(30));
        return new Enrolled(nurse, enrollment.secret());
    }

    private record Enrolled(Staff staff, String secret) {}

    private SecondStep step(Enrolled user, String from) {
        return new SecondStep(
                user.staff().userId(),
                user.staff().tenantId(),
                "test:" + UUID.randomUUID(),
                clock.instant().plus(Duration.ofMinutes(5)),
                from);
    }

    private String rightCode(Enrolled user) {
        return secondFactor.codeAt(user.secret(), secondFactor.currentStep());
    }

    private String wrongCode(Enrolled user) {
        return SecondFactorCodes.wrongCode(secondFactor, user.secret());
    }

    @Test
    void limitsCodesPerClientAddressAcrossAccounts() {
        List<Enrolled> users = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            users.add(enrolled());
        }
        for (int attempt = 0; attempt < 10; attempt++) {
            Enrolled user = users.get(attempt / 3);
            assertThat(signIn.withCode(step(user, address), wrongCode(user))).isEmpty();
        }

        Enrolled last = users.get(3);

        assertThatThrownBy(() -> signIn.withCode(step(last, address), rightCode(last)))
                .isInstanceOfSatisfying(SecondFactorThrottledException.class, e -> assertThat(e.retryAfter())
                        .isPositive());
        assertThat(signIn.withCode(step(last, address + "-other"), rightCode(last)))
                .isPresent();
    }

    @Test
    void backsOffAnAccountAfterFourWrongCodesFromAnyAddress() {
        Enrolled user = enrolled();
        for (int i = 0; i < 4; i++) {
            assertThat(signIn.withCode(step(user, address + "-" + i), wrongCode(user)))
                    .isEmpty();
        }

        assertThatThrownBy(() -> signIn.withCode(step(user, address), rightCode(user)))
                .isInstanceOf(SecondFactorThrottledException.class);
        clock.advance(Duration.ofSeconds(2));
        assertThat(signIn.withCode(step(user, address), rightCode(user))).isPresent();
    }

    @Test
    void usesUpAStepAfterFiveWrongCodesRecoveryCodesIncluded() {
        Enrolled user = enrolled();
        SecondStep step = step(user, address);
        for (int i = 0; i < SignIn.MAX_WRONG_CODES_PER_STEP; i++) {
            assertThat(signIn.withRecoveryCode(step, "wrong-recovery-" + i)).isEmpty();
            clock.advance(Duration.ofSeconds(20));
        }

        assertThatThrownBy(() -> signIn.withCode(step, rightCode(user)))
                .isInstanceOfSatisfying(SignIn.SecondFactorStateException.class, e -> assertThat(e.state())
                        .isEqualTo(SignIn.SecondFactorState.TOO_MANY_WRONG_CODES));
        assertThat(signIn.withCode(step(user, address), rightCode(user))).isPresent();
    }
}
