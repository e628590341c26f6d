package org.shifo.queue.live;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Test-only: closes every live connection of this node, as a restart of the server would. */
@RestController
class LiveTestSupportController {

    private final LiveHub hub;

    LiveTestSupportController(LiveHub hub) {
        this.hub = hub;
    }

    @GetMapping("/test-support/queue/close-live-connections")
    String closeAll() {
        return Integer.toString(hub.closeAll());
    }
}
