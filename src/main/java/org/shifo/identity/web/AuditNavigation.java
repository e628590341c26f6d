package org.shifo.identity.web;

import java.util.Set;
import org.shifo.platform.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The audit trail in the menu, for administrators. */
@Configuration(proxyBeanMethods = false)
class AuditNavigation {

    @Bean
    NavigationItem auditMenuEntry() {
        return new NavigationItem("/admin/audit", "identity.audit.nav", 910, Set.of("ADMIN"));
    }
}
