package org.shifo.clinical.lab.web;

import java.util.Set;
import org.shifo.platform.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Result entry in the menu for the laboratory and doctors ({@code ClinicalRoles.RECORD_LAB_RESULTS}). */
@Configuration(proxyBeanMethods = false)
class LabNavigation {

    @Bean
    NavigationItem labResultsMenuEntry() {
        return new NavigationItem("/lab/results/new", "lab.nav", 400, Set.of("LAB", "DOCTOR"));
    }
}
