package org.shifo.billing.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.shifo.billing.BillingRoles;
import org.shifo.billing.domain.BillingNotFoundException;
import org.shifo.billing.domain.BillingRuleException;
import org.shifo.billing.invoices.PriceList;
import org.shifo.billing.providers.ProviderCredentials;
import org.shifo.identity.StaffDirectory;
import org.shifo.identity.TenantContext;
import org.shifo.scheduling.ServiceLookup;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The administrators' billing pages: a branch's price list ({@code /admin/billing/prices}: every service with its
 * price and VAT flag, each row its own form) and the payment providers ({@code /admin/billing/providers}: PayMe's
 * and Click's settings, secrets write-only — the page says only whether one is set — and what to configure in
 * the providers' cabinets, with this server's endpoint addresses).
 */
@Controller
class BillingAdminPageController {

    private final PriceList prices;
    private final ServiceLookup services;
    private final ProviderCredentials credentials;
    private final DeskBranches branches;
    private final PageErrors errors;

    BillingAdminPageController(
            PriceList prices,
            ServiceLookup services,
            ProviderCredentials credentials,
            DeskBranches branches,
            PageErrors errors) {
        this.prices = prices;
        this.services = services;
        this.credentials = credentials;
        this.branches = branches;
        this.errors = errors;
    }

    /** A row of the price list: the service and its price in the branch, if set. */
    record PriceRow(String serviceId, String name, boolean active, @Nullable Long amount, boolean vatIncluded) {}

    @GetMapping("/admin/billing/prices")
    @PreAuthorize(BillingRoles.SET_PRICES)
    String prices(@RequestParam(required = false) @Nullable String branch, Model model) {
        return pricePage(model, branches.chosen(branch), null, null, Map.of());
    }

    @PostMapping("/admin/billing/prices")
    @PreAuthorize(BillingRoles.SET_PRICES)
    String setPrice(
            @RequestParam(required = false) @Nullable String branch,
            @RequestParam(required = false) @Nullable String service,
            @RequestParam(required = false) @Nullable String amount,
            @RequestParam(required = false) @Nullable String vat,
            Model model,
            Locale locale,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        StaffDirectory.Branch chosen = branches.chosen(branch);
        String serviceId = PageIds.uuid(service).toString();
        Long tiyin = Amounts.parse(amount).orElse(null);
        if (tiyin == null) {
            response.setStatus(400);
            return pricePage(
                    model,
                    chosen,
                    serviceId,
                    amount,
                    Map.of("amount", errors.text("billing.desk.error.amount", locale)));
        }
        try {
            prices.set(PageIds.uuid(service), chosen.id().value(), tiyin, "on".equals(vat) || "true".equals(vat));
        } catch (BillingNotFoundException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        } catch (BillingRuleException e) {
            response.setStatus(400);
            return pricePage(model, chosen, serviceId, amount, errors.of(e, locale));
        }
        redirect.addFlashAttribute("saved", serviceId);
        redirect.addAttribute("branch", chosen.id().value());
        return "redirect:/admin/billing/prices";
    }

    private String pricePage(
            Model model,
            StaffDirectory.Branch branch,
            @Nullable String failedService,
            @Nullable String typed,
            Map<String, String> problems) {
        Map<String, PriceList.Price> set = prices.list(branch.id().value()).stream()
                .collect(Collectors.toMap(p -> p.serviceId().toString(), Function.identity()));
        List<PriceRow> rows = services.all(TenantContext.require()).stream()
                .map(s -> {
                    PriceList.Price price = set.get(s.id().toString());
                    return new PriceRow(
                            s.id().toString(),
                            s.name(),
                            s.active(),
                            price == null ? null : price.amount(),
                            price != null && price.vatIncluded());
                })
                .toList();
        model.addAttribute("rows", rows);
        model.addAttribute("branches", branches.mine());
        model.addAttribute("branch", branch);
        model.addAttribute("failedService", failedService == null ? "" : failedService);
        model.addAttribute("typed", typed == null ? "" : typed);
        model.addAttribute("errors", problems);
        model.addAttribute("money", Amounts.INSTANCE);
        return "billing/prices";
    }

    // --- payment providers -----------------------------------------------------------------------------------

    @GetMapping("/admin/billing/providers")
    @PreAuthorize(BillingRoles.PROVIDER_SETTINGS)
    String providers(Model model, HttpServletRequest request) {
        return providerPage(model, request, Map.of(), Map.of(), "");
    }

    @PostMapping("/admin/billing/providers/payme")
    @PreAuthorize(BillingRoles.PROVIDER_SETTINGS)
    String payme(
            @RequestParam(required = false) @Nullable String merchantId,
            @RequestParam(required = false) @Nullable String key,
            @RequestParam(required = false) @Nullable String login,
            @RequestParam(required = false) @Nullable String accountField,
            Model model,
            Locale locale,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            credentials.savePayme(merchantId, blankAsNull(key), login, accountField);
        } catch (BillingRuleException e) {
            response.setStatus(e.isRefusal() ? 422 : 400);
            Map<String, String> typed = new LinkedHashMap<>();
            typed.put("merchantId", merchantId == null ? "" : merchantId);
            typed.put("login", login == null ? "" : login);
            typed.put("accountField", accountField == null ? "" : accountField);
            return providerPage(model, request, errors.of(e, locale), typed, "payme");
        }
        redirect.addFlashAttribute("saved", "payme");
        return "redirect:/admin/billing/providers";
    }

    @PostMapping("/admin/billing/providers/click")
    @PreAuthorize(BillingRoles.PROVIDER_SETTINGS)
    String click(
            @RequestParam(required = false) @Nullable String serviceId,
            @RequestParam(required = false) @Nullable String merchantId,
            @RequestParam(required = false) @Nullable String merchantUserId,
            @RequestParam(required = false) @Nullable String secretKey,
            Model model,
            Locale locale,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            credentials.saveClick(serviceId, merchantId, merchantUserId, blankAsNull(secretKey));
        } catch (BillingRuleException e) {
            response.setStatus(e.isRefusal() ? 422 : 400);
            Map<String, String> typed = new LinkedHashMap<>();
            typed.put("serviceId", serviceId == null ? "" : serviceId);
            typed.put("merchantId", merchantId == null ? "" : merchantId);
            typed.put("merchantUserId", merchantUserId == null ? "" : merchantUserId);
            return providerPage(model, request, errors.of(e, locale), typed, "click");
        }
        redirect.addFlashAttribute("saved", "click");
        return "redirect:/admin/billing/providers";
    }

    private String providerPage(
            Model model,
            HttpServletRequest request,
            Map<String, String> problems,
            Map<String, String> typed,
            String failed) {
        String base = ServletUriComponentsBuilder.fromContextPath(request)
                .replaceQuery(null)
                .build()
                .toUriString();
        model.addAttribute("payme", credentials.status(ProviderCredentials.PAYME));
        model.addAttribute("click", credentials.status(ProviderCredentials.CLICK));
        model.addAttribute("paymeEndpoint", base + "/api/v1/payments/payme");
        model.addAttribute("clickPrepare", base + "/api/v1/payments/click/prepare");
        model.addAttribute("clickComplete", base + "/api/v1/payments/click/complete");
        model.addAttribute("errors", problems);
        model.addAttribute("typed", typed);
        model.addAttribute("failed", failed);
        return "billing/providers";
    }

    private static @Nullable String blankAsNull(@Nullable String secret) {
        return secret == null || secret.isEmpty() ? null : secret;
    }
}
