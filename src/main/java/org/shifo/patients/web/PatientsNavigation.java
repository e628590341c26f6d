package org.shifo.patients.web;

import java.util.Set;
import org.shifo.platform.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The patient registry in the menu, for every staff role (all of them search and read records). */
@Configuration(proxyBeanMethods = false)
class PatientsNavigation {

    @Bean
    NavigationItem patientsMenuEntry() {
        return new NavigationItem(
                "/patients", "patients.nav", 100, Set.of("ADMIN", "DOCTOR", "NURSE", "RECEPTIONIST", "CASHIER", "LAB"));
    }
}
