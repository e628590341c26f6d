package org.shifo.notifications.web;

import java.util.Set;
import org.shifo.platform.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The administrators' notification pages in the menu: the delivery dashboard, the settings, the templates. */
@Configuration(proxyBeanMethods = false)
class NotificationAdminNavigation {

    @Bean
    NavigationItem deliveryDashboardMenuEntry() {
        return new NavigationItem(
                "/admin/notifications/deliveries", "notifications.admin.deliveries.nav", 920, Set.of("ADMIN"));
    }

    @Bean
    NavigationItem notificationSettingsMenuEntry() {
        return new NavigationItem(
                "/admin/notifications/settings", "notifications.admin.settings.nav", 922, Set.of("ADMIN"));
    }

    @Bean
    NavigationItem notificationTemplatesMenuEntry() {
        return new NavigationItem(
                "/admin/notifications/templates", "notifications.admin.templates.nav", 924, Set.of("ADMIN"));
    }
}
