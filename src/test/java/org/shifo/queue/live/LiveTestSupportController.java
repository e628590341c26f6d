package org.shifo.queue.live;

import org.shifo.platform.testing.TestClock;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Test-only: the server closes every live connection of this node, as a restart would. It moves the clock past
 * the silence limit and runs the heartbeat, which closes each connection not heard from for that long (all of
 * them, now); answers how many connections there were.
 */
@RestController
class LiveTestSupportController {

    private final LiveHub hub;
    // an application a benchmark starts from the test classpath has no movable clock; only tests call this
    private final org.springframework.beans.factory.ObjectProvider<TestClock> clock;

    LiveTestSupportController(LiveHub hub, org.springframework.beans.factory.ObjectProvider<TestClock> clock) {
        this.hub = hub;
        this.clock = clock;
    }

    @GetMapping("/test-support/queue/close-live-connections")
    String closeAll() {
        int open = hub.size();
        clock.getObject().advance(LiveHub.SILENCE_LIMIT.plusSeconds(1));
        hub.heartbeat();
        return Integer.toString(open);
    }
}
