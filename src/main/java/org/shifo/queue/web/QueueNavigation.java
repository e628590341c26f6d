package org.shifo.queue.web;

import java.util.Set;
import org.shifo.platform.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The queue in the menu, for every staff role (each serves or fills a queue). */
@Configuration(proxyBeanMethods = false)
class QueueNavigation {

    @Bean
    NavigationItem queueMenuEntry() {
        return new NavigationItem(
                "/queue", "queue.nav", 150, Set.of("ADMIN", "DOCTOR", "NURSE", "RECEPTIONIST", "CASHIER", "LAB"));
    }
}
