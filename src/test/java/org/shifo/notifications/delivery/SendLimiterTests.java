package org.shifo.notifications.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SendLimiterTests {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void neverPutsMoreThanTheBotsRateInAnySecond() {
        SendLimiter limiter = new SendLimiter();
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            times.add(limiter.reserve("bot", "chat-" + i, 27, 0.9, 0).atNanos());
        }

        for (long start : times) {
            long inWindow =
                    times.stream().filter(t -> t >= start && t < start + SECOND).count();
            assertThat(inWindow).isLessThanOrEqualTo(27);
        }
    }

    @Test
    void spacesOneChatsMessagesByItsRate() {
        SendLimiter limiter = new SendLimiter();

        long first = limiter.reserve("bot", "chat", 27, 0.9, 0).atNanos();
        long second = limiter.reserve("bot", "chat", 27, 0.9, 0).atNanos();
        long other = limiter.reserve("bot", "other", 27, 0.9, 0).atNanos();

        assertThat(second - first).isGreaterThanOrEqualTo((long) (SECOND / 0.9));
        assertThat(other).isLessThan(second);
    }

    @Test
    void aPauseHoldsTheChatAndTheBot() {
        SendLimiter limiter = new SendLimiter();

        limiter.pause("bot", "chat", 5 * SECOND);

        assertThat(limiter.reserve("bot", "chat", 27, 0.9, 0).atNanos()).isGreaterThanOrEqualTo(5 * SECOND);
        assertThat(limiter.reserve("bot", "other", 27, 0.9, 0).atNanos()).isGreaterThanOrEqualTo(5 * SECOND);
        assertThat(limiter.reserve("another-bot", "chat", 27, 0.9, 0).atNanos()).isLessThan(SECOND);
    }

    @Test
    void aCancelledReservationFreesItsSlotAndTheChat() {
        SendLimiter limiter = new SendLimiter();
        SendLimiter.Reservation reservation = limiter.reserve("bot", "chat", 27, 0.9, 0);

        limiter.cancel(reservation, 0.9);

        assertThat(limiter.reserve("bot", "chat", 27, 0.9, 0).atNanos()).isEqualTo(reservation.atNanos());
    }

    @Test
    void departuresLateForTheirSlotsStillKeepTheLimits() {
        SendLimiter limiter = new SendLimiter();
        for (int i = 0; i < 27; i++) {
            assertThat(limiter.departure("bot", "chat-" + i, 27, 0.9, 0)).isZero();
        }

        long botWait = limiter.departure("bot", "chat-late", 27, 0.9, SECOND / 2);
        long chatWait = limiter.departure("bot", "chat-0", 27, 0.9, SECOND / 2);

        assertThat(botWait).isGreaterThanOrEqualTo(SECOND / 2);
        assertThat(chatWait).isGreaterThanOrEqualTo((long) (SECOND / 0.9) - SECOND / 2);
    }

    @Test
    void givesUpADepartureThatWouldWaitTooLong() {
        SendLimiter limiter = new SendLimiter();

        boolean first = limiter.awaitDeparture("bot", "chat", 27, 0.9, SECOND);
        boolean second = limiter.awaitDeparture("bot", "chat", 27, 0.9, 1);

        assertThat(first).isTrue();
        assertThat(second).isFalse();
    }
}
