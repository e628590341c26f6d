package org.shifo.billing.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.billing.BillingRoles;
import org.shifo.billing.domain.BillingRuleException;
import org.shifo.billing.domain.Violation;
import org.shifo.billing.invoices.PriceList;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The price list: a service's price per branch in tiyin (set by administrators, read by the desk). */
@RestController
@Tag(name = "Price list")
class PriceApiController {

    private final PriceList prices;

    PriceApiController(PriceList prices) {
        this.prices = prices;
    }

    /** A price to set. */
    record PriceRequest(
            @Nullable UUID branchId,
            @Schema(description = "tiyin (1 so'm = 100 tiyin), 0 to 10^12", example = "15000000") @Nullable Long amount,
            @Schema(description = "whether the price includes VAT (default false)") @Nullable Boolean vatIncluded) {}

    /** A price as the API shows it. */
    record PriceResponse(
            UUID serviceId, String serviceName, UUID branchId, long amount, String currency, boolean vatIncluded) {

        static PriceResponse from(PriceList.Price price) {
            return new PriceResponse(
                    price.serviceId(),
                    price.serviceName(),
                    price.branchId(),
                    price.amount(),
                    "UZS",
                    price.vatIncluded());
        }
    }

    @PutMapping("/api/v1/billing/prices/{serviceId}")
    @PreAuthorize(BillingRoles.SET_PRICES)
    @Operation(summary = "Set a service's price in a branch {branchId, amount (tiyin), vatIncluded?}")
    PriceResponse set(@PathVariable UUID serviceId, @RequestBody PriceRequest request) {
        return PriceResponse.from(prices.set(serviceId, request.branchId(), request.amount(), request.vatIncluded()));
    }

    @GetMapping("/api/v1/billing/prices")
    @PreAuthorize(BillingRoles.SEE_PRICES)
    @Operation(summary = "A branch's prices")
    List<PriceResponse> list(@RequestParam(required = false) @Nullable UUID branchId) {
        if (branchId == null) {
            throw BillingRuleException.invalid(Violation.of("branchId", "required", "is required"));
        }
        return prices.list(Objects.requireNonNull(branchId)).stream()
                .map(PriceResponse::from)
                .toList();
    }
}
