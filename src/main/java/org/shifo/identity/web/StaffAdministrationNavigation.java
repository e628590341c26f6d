package org.shifo.identity.web;

import java.util.Set;
import org.shifo.platform.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Staff administration in the menu, for administrators. */
@Configuration(proxyBeanMethods = false)
class StaffAdministrationNavigation {

    @Bean
    NavigationItem staffAdministrationMenuEntry() {
        return new NavigationItem("/admin/users", "identity.users.nav", 900, Set.of("ADMIN"));
    }
}
