package org.shifo.identity.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.shifo.audit.AuditEntry;
import org.shifo.audit.AuditFilter;
import org.shifo.audit.AuditPageRequest;
import org.shifo.audit.AuditTrail;
import org.shifo.identity.Role;
import org.shifo.identity.Staff;
import org.shifo.identity.TenantContext;
import org.shifo.identity.accounts.BrowserSessionFacts;
import org.shifo.platform.testing.IdentityFixtures;
import org.shifo.platform.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

@IntegrationTest
class SessionApiIntegrationTests {

    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    @Autowired
    MockMvcTester mvc;

    @Autowired
    IdentityFixtures fixtures;

    @Autowired
    FindByIndexNameSessionRepository<? extends Session> browserSessions;

    @Autowired
    AuditTrail trail;

    private IdentityFixtures.Clinic clinic;
    private Staff nurse;
    private String address;

    @BeforeEach
    void setUp() {
        clinic = fixtures.clinic();
        nurse = fixtures.staff(clinic, Role.NURSE);
        int n = ADDRESSES.getAndIncrement();
        address = "203.0." + (n / 250) + "." + (n % 250 + 1);
    }

    /** Signs in through the API (a nurse needs no second factor) and returns the refresh token. */
    private String apiSignIn(Staff staff) {
        MvcTestResult result = mvc.post()
                .uri("/api/v1/auth/login")
                .with(request -> {
                    request.setRemoteAddr(address);
                    return request;
                })
                .header(HttpHeaders.USER_AGENT, "curl/8.5.0")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"username\":\"" + staff.username() + "\",\"password\":\"" + IdentityFixtures.PASSWORD
                        + "\"}")
                .exchange();
        assertThat(result).hasStatusOk();
        return read(result, "$.refreshToken");
    }

    /** A signed-in browser session of the staff member, as the sign-in page leaves it. */
    private String browserSession(Staff staff, UUID handle) {
        return save(browserSessions, staff, handle);
    }

    private static <S extends Session> String save(
            FindByIndexNameSessionRepository<S> repository, Staff staff, UUID handle) {
        S session = repository.createSession();
        session.setAttribute(FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME, staff.username());
        session.setAttribute(
                BrowserSessionFacts.ATTRIBUTE,
                new BrowserSessionFacts(handle, Instant.now(), "192.0.2.7", "Firefox · Linux"));
        repository.save(session);
        return session.getId();
    }

    private static String read(MvcTestResult result, String path) {
        return JsonPath.read(new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8), path)
                .toString();
    }

    private MvcTestResult get(String path, Staff caller) {
        return mvc.get()
                .uri(path)
                .header(HttpHeaders.AUTHORIZATION, fixtures.bearer(caller))
                .exchange();
    }

    private MvcTestResult delete(String path, Staff caller) {
        return mvc.delete()
                .uri(path)
                .header(HttpHeaders.AUTHORIZATION, fixtures.bearer(caller))
                .exchange();
    }

    private MvcTestResult refresh(String refreshToken) {
        return mvc.post()
                .uri("/api/v1/auth/refresh")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"refreshToken\":\"" + refreshToken + "\"}")
                .exchange();
    }

    private List<AuditEntry> revocations() {
        return TenantContext.callAs(clinic.tenantId(), () -> trail.search(
                        AuditFilter.forTenant(clinic.tenantId().value()).withAction("staff_user.revoke_session"),
                        AuditPageRequest.first(50))
                .entries());
    }

    @Nested
    class OwnSessions {

        @Test
        void listsBrowserAndApiSessionsWithWhereTheyCameFromButNoSecret() {
            String refreshToken = apiSignIn(nurse);
            UUID handle = UUID.randomUUID();
            String sessionId = browserSession(nurse, handle);

            MvcTestResult result = get("/api/v1/me/sessions", nurse);

            assertThat(result).hasStatusOk();
            assertThat(result).bodyJson().extractingPath("$.length()").isEqualTo(2);
            assertThat(result)
                    .bodyJson()
                    .extractingPath("$[?(@.kind == 'api')].clientAddress")
                    .asArray()
                    .containsExactly(address);
            assertThat(result)
                    .bodyJson()
                    .extractingPath("$[?(@.kind == 'api')].userAgent")
                    .asArray()
                    .containsExactly("curl");
            assertThat(result)
                    .bodyJson()
                    .extractingPath("$[?(@.kind == 'browser')].id")
                    .asArray()
                    .containsExactly(handle.toString());
            assertThat(new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8))
                    .doesNotContain(refreshToken, sessionId);
        }

        @Test
        void revokingAnApiSessionStopsItsRefreshTokenAndIsAudited() {
            String refreshToken = apiSignIn(nurse);
            String id = read(get("/api/v1/me/sessions", nurse), "$[0].id");

            MvcTestResult result = delete("/api/v1/me/sessions/" + id, nurse);

            assertThat(result).hasStatus(204);
            assertThat(refresh(refreshToken)).hasStatus(401);
            assertThat(get("/api/v1/me/sessions", nurse))
                    .bodyJson()
                    .extractingPath("$.length()")
                    .isEqualTo(0);
            assertThat(revocations()).singleElement().satisfies(entry -> {
                assertThat(entry.targetId()).isEqualTo(nurse.userId().toString());
                assertThat(entry.details()).containsEntry("sessionKind", "api").containsEntry("sessionId", id);
            });
        }

        @Test
        void revokingABrowserSessionDeletesIt() {
            UUID handle = UUID.randomUUID();
            String sessionId = browserSession(nurse, handle);

            MvcTestResult result = delete("/api/v1/me/sessions/" + handle, nurse);

            assertThat(result).hasStatus(204);
            assertThat(browserSessions.findById(sessionId)).isNull();
            assertThat(revocations()).singleElement().satisfies(entry -> assertThat(entry.details())
                    .containsEntry("sessionKind", "browser"));
        }

        @Test
        void revokesAllSessionsAtOnce() {
            String refreshToken = apiSignIn(nurse);
            String sessionId = browserSession(nurse, UUID.randomUUID());

            MvcTestResult result = delete("/api/v1/me/sessions", nurse);

            assertThat(result).hasStatus(204);
            assertThat(refresh(refreshToken)).hasStatus(401);
            assertThat(browserSessions.findById(sessionId)).isNull();
            assertThat(revocations()).hasSize(2);
        }

        @Test
        void answersAnUnknownSessionWithNotFound() {
            MvcTestResult result = delete("/api/v1/me/sessions/" + UUID.randomUUID(), nurse);

            assertThat(result).hasStatus(404);
            assertThat(result).bodyJson().extractingPath("$.type").isEqualTo("https://shifo.uz/problems/not-found");
        }

        @Test
        void cannotRevokeAnotherStaffMembersSessionThroughItsOwnList() {
            Staff colleague = fixtures.staff(clinic, Role.NURSE);
            UUID handle = UUID.randomUUID();
            String sessionId = browserSession(colleague, handle);

            assertThat(delete("/api/v1/me/sessions/" + handle, nurse)).hasStatus(404);
            assertThat(browserSessions.findById(sessionId)).isNotNull();
        }
    }

    @Nested
    class AdministratorsSessions {

        @Test
        void listsAndRevokesTheSessionsOfAStaffMember() {
            Staff admin = fixtures.admin(clinic);
            String refreshToken = apiSignIn(nurse);
            String path = "/api/v1/users/" + nurse.userId() + "/sessions";
            String id = read(get(path, admin), "$[0].id");

            MvcTestResult result = delete(path + "/" + id, admin);

            assertThat(result).hasStatus(204);
            assertThat(refresh(refreshToken)).hasStatus(401);
            assertThat(revocations()).singleElement().satisfies(entry -> assertThat(entry.actor())
                    .isEqualTo(org.shifo.audit.AuditActor.user(admin.userId().value(), admin.fullName())));
        }

        @Test
        void endsEveryBrowserSessionAndRefreshTokenOfAStaffMemberTheyDisable() {
            Staff admin = fixtures.admin(clinic);
            String firstBrowser = browserSession(nurse, UUID.randomUUID());
            String secondBrowser = browserSession(nurse, UUID.randomUUID());
            String colleagues = browserSession(fixtures.staff(clinic, Role.NURSE), UUID.randomUUID());
            String refreshToken = apiSignIn(nurse);

            MvcTestResult result = mvc.post()
                    .uri("/api/v1/users/" + nurse.userId() + "/disable")
                    .header(HttpHeaders.AUTHORIZATION, fixtures.bearer(admin))
                    .exchange();

            assertThat(result).hasStatusOk();
            assertThat(browserSessions.findById(firstBrowser)).isNull();
            assertThat(browserSessions.findById(secondBrowser)).isNull();
            assertThat(browserSessions.findById(colleagues)).isNotNull();
            assertThat(refresh(refreshToken)).hasStatus(401);
        }

        @Test
        void refusesStaffWhoAreNotAdministrators() {
            Staff doctor = fixtures.staff(clinic, Role.DOCTOR);

            assertThat(get("/api/v1/users/" + nurse.userId() + "/sessions", doctor))
                    .hasStatus(403);
        }

        @Test
        void answersAnotherOrganizationsStaffWithNotFound() {
            Staff otherAdmin = fixtures.admin(fixtures.clinic());
            UUID handle = UUID.randomUUID();
            String sessionId = browserSession(nurse, handle);
            String path = "/api/v1/users/" + nurse.userId() + "/sessions";

            MvcTestResult list = get(path, otherAdmin);
            MvcTestResult revoke = delete(path + "/" + handle, otherAdmin);

            assertThat(list).hasStatus(404);
            assertThat(list).bodyJson().extractingPath("$.type").isEqualTo("https://shifo.uz/problems/not-found");
            assertThat(revoke).hasStatus(404);
            assertThat(browserSessions.findById(sessionId)).isNotNull();
        }
    }
}
