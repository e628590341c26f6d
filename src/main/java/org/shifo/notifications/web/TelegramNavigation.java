package org.shifo.notifications.web;

import java.util.Set;
import org.shifo.platform.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Telegram bot's settings in the administrators' menu. */
@Configuration(proxyBeanMethods = false)
class TelegramNavigation {

    @Bean
    NavigationItem telegramBotMenuEntry() {
        return new NavigationItem(
                "/admin/notifications/telegram", "notifications.telegram.admin.nav", 930, Set.of("ADMIN"));
    }
}
