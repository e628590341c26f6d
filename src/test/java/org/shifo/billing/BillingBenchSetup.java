package org.shifo.billing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.shifo.identity.Role;
import org.shifo.platform.testing.BenchmarkSupport;
import org.shifo.platform.testing.IdentityFixtures;

/**
 * What the PayMe and Click benchmarks set up through the API before they play the provider: a clinic with an
 * administrator and a receptionist, a priced service, patients, and issued invoices waiting to be paid.
 */
public final class BillingBenchSetup {

    /** The price of the benchmarks' service, in tiyin (150,000 UZS). */
    public static final long PRICE = 15_000_000L;

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final Pattern REFERENCE = Pattern.compile("\"paymentReference\"\\s*:\\s*\"([0-9]+)\"");

    private final HttpClient http;
    private final String base;
    private final String admin;
    private final String reception;
    private final String branch;
    private final String service;
    private final List<String> patients = new ArrayList<>();
    private final ConcurrentLinkedQueue<Invoice> invoices = new ConcurrentLinkedQueue<>();

    /** An issued invoice: its payment reference (the providers' account) and id. */
    public record Invoice(String reference, String id) {}

    /** Creates the clinic, its service and the service's price in the clinic's branch. */
    public BillingBenchSetup(IdentityFixtures fixtures, int port) {
        this.http = BenchmarkSupport.httpClient();
        this.base = "http://localhost:" + port;
        IdentityFixtures.Clinic clinic = fixtures.clinic();
        this.admin = fixtures.bearer(fixtures.admin(clinic));
        this.reception = fixtures.bearer(fixtures.staff(clinic, Role.RECEPTIONIST));
        this.branch = clinic.branchId().value().toString();
        this.service = match(
                ID,
                call(
                        "POST",
                        "/api/v1/services",
                        admin,
                        "{\"name\":\"Consultation\",\"durationMinutes\":20,\"specialty\":\"General practice\"}",
                        201));
        call(
                "PUT",
                "/api/v1/billing/prices/" + service,
                admin,
                "{\"branchId\":\"%s\",\"amount\":%d}".formatted(branch, PRICE),
                200);
    }

    /** Saves a provider's settings as the administrator ({@code PUT /api/v1/billing/providers/{provider}}). */
    public void provider(String provider, String settings) {
        call("PUT", "/api/v1/billing/providers/" + provider, admin, settings, 200);
    }

    /** Registers {@code count} patients, phone numbers from {@code firstPhone} on. */
    public void patients(int count, int firstPhone) {
        for (int i = 0; i < count; i++) {
            patients.add(match(
                    ID,
                    call(
                            "POST",
                            "/api/v1/patients",
                            reception,
                            """
                    {"familyName":"Karimov","givenName":"Aziz-%s","sex":"MALE","birthDate":"1980-01-15",
                     "phones":[{"number":"+99890%07d","primary":true}],"registerAnyway":true}
                    """
                                    .formatted(name(i), firstPhone + i),
                            201)));
        }
    }

    public int patientCount() {
        return patients.size();
    }

    /** Creates and issues {@code count} invoices of one consultation each, from {@code threads} threads. */
    public void invoices(int count, int threads) throws Exception {
        AtomicInteger next = new AtomicInteger();
        BenchmarkSupport.runAll(threads, threads, task -> {
            int i;
            while ((i = next.getAndIncrement()) < count) {
                String body = call(
                        "POST",
                        "/api/v1/invoices",
                        reception,
                        "{\"patientId\":\"%s\",\"branchId\":\"%s\",\"lines\":[{\"serviceId\":\"%s\"}]}"
                                .formatted(patients.get(i % patients.size()), branch, service),
                        201);
                call("POST", "/api/v1/invoices/" + match(ID, body) + "/issue", reception, "", 200);
                invoices.add(new Invoice(match(REFERENCE, body), match(ID, body)));
            }
        });
    }

    /** The next issued invoice not yet handed out; fails when there is none left. */
    public Invoice nextInvoice() {
        Invoice invoice = invoices.poll();
        if (invoice == null) {
            throw new IllegalStateException("ran out of invoices");
        }
        return invoice;
    }

    /** An invoice as the receptionist reads it ({@code GET /api/v1/invoices/{id}}). */
    public String invoice(String id) {
        return call("GET", "/api/v1/invoices/" + id, reception, null, 200);
    }

    private String call(String method, String path, String token, @Nullable String body, int expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", token)
                .header("Content-Type", "application/json");
        request.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = BenchmarkSupport.send(http, request.build());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    /** Distinct given names for up to 26 × 26 patients: aa, ab, … */
    private static String name(int i) {
        return "" + (char) ('a' + (i / 26) % 26) + (char) ('a' + i % 26);
    }

    private static String match(Pattern pattern, String body) {
        Matcher matcher = pattern.matcher(body);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + pattern + " in " + body);
        }
        return matcher.group(1);
    }
}
