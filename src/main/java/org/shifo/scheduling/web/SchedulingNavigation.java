package org.shifo.scheduling.web;

import java.util.Set;
import org.shifo.platform.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The schedule in the menu for those who may see appointments ({@code SchedulingRoles.SEE_APPOINTMENTS}), and its
 * setup for administrators ({@code SchedulingRoles.SET_UP}).
 */
@Configuration(proxyBeanMethods = false)
class SchedulingNavigation {

    @Bean
    NavigationItem scheduleMenuEntry() {
        return new NavigationItem(
                "/schedule", "scheduling.nav", 200, Set.of("ADMIN", "DOCTOR", "NURSE", "RECEPTIONIST", "CASHIER"));
    }

    @Bean
    NavigationItem schedulingSetupMenuEntry() {
        return new NavigationItem("/admin/scheduling", "scheduling.setup.nav", 900, Set.of("ADMIN"));
    }
}
