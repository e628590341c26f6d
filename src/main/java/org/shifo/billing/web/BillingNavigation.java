package org.shifo.billing.web;

import java.util.Set;
import org.shifo.platform.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The cash desk in the menu for those who see invoices ({@code BillingRoles.SEE_INVOICES}), the cash report for
 * cashiers and administrators, the price list, the payment providers and the reconciliation reports for administrators.
 */
@Configuration(proxyBeanMethods = false)
class BillingNavigation {

    @Bean
    NavigationItem cashDeskMenuEntry() {
        return new NavigationItem("/billing/desk", "billing.desk.nav", 300, Set.of("ADMIN", "CASHIER", "RECEPTIONIST"));
    }

    @Bean
    NavigationItem cashReportMenuEntry() {
        return new NavigationItem("/billing/reports/cash", "billing.report.nav", 310, Set.of("ADMIN", "CASHIER"));
    }

    @Bean
    NavigationItem priceListMenuEntry() {
        return new NavigationItem("/admin/billing/prices", "billing.admin.prices.nav", 910, Set.of("ADMIN"));
    }

    @Bean
    NavigationItem reconciliationMenuEntry() {
        return new NavigationItem("/admin/billing/reconciliation", "billing.reconciliation.nav", 916, Set.of("ADMIN"));
    }

    @Bean
    NavigationItem paymentProvidersMenuEntry() {
        return new NavigationItem("/admin/billing/providers", "billing.admin.providers.nav", 915, Set.of("ADMIN"));
    }
}
