package org.shifo.billing;

import static org.assertj.core.api.Assertions.assertThat;

import org.shifo.platform.testing.ApiCalls;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** Services, prices, patients and invoices made through the API, for billing's tests. */
public final class BillingFixtures {

    private final ApiCalls api;
    private final String admin;
    private final String reception;

    public BillingFixtures(ApiCalls api, String admin, String reception) {
        this.api = api;
        this.admin = admin;
        this.reception = reception;
    }

    public String service(String name) {
        MvcTestResult result = api.post(
                admin,
                "/api/v1/services",
                "{\"name\":\"%s\",\"durationMinutes\":20,\"specialty\":\"dermatology\"}".formatted(name));
        assertThat(result).hasStatus(201);
        return api.body(result).get("id").asString();
    }

    public void price(String service, String branch, long amount) {
        assertThat(api.put(
                        admin,
                        "/api/v1/billing/prices/" + service,
                        "{\"branchId\":\"%s\",\"amount\":%d}".formatted(branch, amount)))
                .hasStatus(200);
    }

    public String patient(String family) {
        MvcTestResult result = api.post(
                reception,
                "/api/v1/patients",
                """
                {"familyName":"%s","givenName":"Aziz","sex":"MALE","birthDate":"1980-01-15",
                 "phones":[{"number":"+998901234567","primary":true}],"registerAnyway":true}
                """
                        .formatted(family));
        assertThat(result).hasStatus(201);
        return api.body(result).get("id").asString();
    }

    /** An ISSUED invoice of one line (quantity 1) of the service; answers its id. */
    public String issuedInvoice(String token, String patient, String branch, String service) {
        MvcTestResult created = api.post(
                token,
                "/api/v1/invoices",
                "{\"patientId\":\"%s\",\"branchId\":\"%s\",\"lines\":[{\"serviceId\":\"%s\"}]}"
                        .formatted(patient, branch, service));
        assertThat(created).hasStatus(201);
        String id = api.body(created).get("id").asString();
        assertThat(api.post(token, "/api/v1/invoices/" + id + "/issue", "")).hasStatus(200);
        return id;
    }
}
