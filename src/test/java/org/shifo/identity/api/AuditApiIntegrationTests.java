package org.shifo.identity.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shifo.audit.jobs.AuditSealer;
import org.shifo.identity.Role;
import org.shifo.identity.Staff;
import org.shifo.platform.testing.IdentityFixtures;
import org.shifo.platform.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

@IntegrationTest
class AuditApiIntegrationTests {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    IdentityFixtures fixtures;

    @Autowired
    AuditSealer sealer;

    private IdentityFixtures.Clinic clinic;
    private String admin;

    @BeforeEach
    void setUp() {
        clinic = fixtures.clinic();
        admin = fixtures.bearer(fixtures.admin(clinic));
    }

    private void createNurse(String username) {
        assertThat(mvc.post()
                        .uri("/api/v1/users")
                        .header(HttpHeaders.AUTHORIZATION, admin)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(
                                """
                                {"username":"%s","fullName":"Nurse","language":"uz","password":"%s",
                                 "roles":[{"branchId":"%s","role":"NURSE"}]}
                                """
                                        .formatted(username, IdentityFixtures.PASSWORD, clinic.branchId())))
                .hasStatus(201);
    }

    @Test
    void recordsStaffChangesAndShowsThemToTheAdministrator() {
        createNurse("audited.nurse");

        MvcTestResult result = mvc.get()
                .uri("/api/v1/audit?action=staff_user.create")
                .header(HttpHeaders.AUTHORIZATION, admin)
                .exchange();

        assertThat(result).hasStatusOk();
        assertThat(result).bodyJson().extractingPath("$.items[0].action").isEqualTo("staff_user.create");
        assertThat(result)
                .bodyJson()
                .extractingPath("$.items[0].actorId")
                .isEqualTo(clinic.adminId().toString());
        assertThat(result).bodyJson().extractingPath("$.items[0].requestId").isNotNull();
    }

    @Test
    void verifiesTheSealedChain() {
        createNurse("chained.nurse");
        sealer.sealPending();

        MvcTestResult result = mvc.post()
                .uri("/api/v1/audit/verify")
                .header(HttpHeaders.AUTHORIZATION, admin)
                .exchange();

        assertThat(result).hasStatusOk();
        assertThat(result).bodyJson().extractingPath("$.intact").isEqualTo(true);
        assertThat(result)
                .bodyJson()
                .extractingPath("$.entriesChecked")
                .asNumber()
                .isNotEqualTo(0);
    }

    @Test
    void showsAnotherOrganizationNothing() {
        createNurse("private.nurse");
        String stranger = fixtures.bearer(fixtures.admin(fixtures.clinic()));

        MvcTestResult result = mvc.get()
                .uri("/api/v1/audit")
                .header(HttpHeaders.AUTHORIZATION, stranger)
                .exchange();

        assertThat(result).hasStatusOk();
        assertThat(result.getResponse().getContentAsByteArray())
                .asString()
                .doesNotContain(clinic.adminId().toString());
    }

    @Test
    void keepsTheTrailForAdministrators() {
        Staff doctor = fixtures.staff(clinic, Role.DOCTOR);

        assertThat(mvc.get().uri("/api/v1/audit").header(HttpHeaders.AUTHORIZATION, fixtures.bearer(doctor)))
                .hasStatus(403);
        assertThat(mvc.post().uri("/api/v1/audit/verify").header(HttpHeaders.AUTHORIZATION, fixtures.bearer(doctor)))
                .hasStatus(403);
    }

    @Test
    void namesABadFilter() {
        MvcTestResult result = mvc.get()
                .uri("/api/v1/audit?action=Not An Action")
                .header(HttpHeaders.AUTHORIZATION, admin)
                .exchange();

        assertThat(result).hasStatus(400);
        assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("filter");
    }
}
