package org.shifo.terminology.web;

import java.util.List;
import java.util.Set;
import org.shifo.platform.HomeNotice;
import org.shifo.platform.HomeNotices;
import org.shifo.platform.NavigationItem;
import org.shifo.terminology.Terminology;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The administrators' menu entry for code sets, and the home page notice they see while the clinic has no ICD-10
 * set (diagnoses are then checked by structure only and recorded unverified).
 */
@Configuration(proxyBeanMethods = false)
class TerminologyNavigation {

    static final HomeNotice NO_ICD10 =
            new HomeNotice("terminology.notice.noIcd10", "/admin/terminology", "terminology.notice.link");

    @Bean
    NavigationItem terminologyMenuEntry() {
        return new NavigationItem("/admin/terminology", "terminology.nav", 905, Set.of("ADMIN"));
    }

    @Bean
    HomeNotices terminologyNotices(Terminology terminology) {
        return roles -> roles.contains("ADMIN") && isMissing(terminology) ? List.of(NO_ICD10) : List.of();
    }

    /** No WHO ICD-10 set and no ICD-10-CM set: no diagnosis code can be verified. */
    static boolean isMissing(Terminology terminology) {
        return !terminology.hasImportedSet(Terminology.ICD10) && !terminology.hasImportedSet(Terminology.ICD10_CM);
    }
}
