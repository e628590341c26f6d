package org.shifo.terminology.lab.web;

import java.util.Set;
import org.shifo.platform.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The laboratory catalogue in the administrators' menu. */
@Configuration(proxyBeanMethods = false)
class LabCatalogueNavigation {

    @Bean
    NavigationItem labCatalogueMenuEntry() {
        return new NavigationItem("/admin/lab-catalogue", "lab.catalogue.nav", 910, Set.of("ADMIN"));
    }
}
