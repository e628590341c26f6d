package org.shifo.platform.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import jakarta.servlet.http.Cookie;
import org.shifo.identity.Staff;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** Browser sessions for page tests through {@link MockMvcTester}, signed in on the sign-in page. */
public final class PageSessions {

    private PageSessions() {}

    /**
     * Signs in a staff member whose role needs no second factor and returns the session cookie. Each sign-in comes
     * from an address of its own, so that the per-address sign-in limit never throttles a test.
     */
    public static Cookie signIn(MockMvcTester mvc, Staff staff) {
        MvcTestResult result = mvc.post()
                .uri("/login")
                .with(csrf())
                .with(request -> {
                    request.setRemoteAddr("198.51.100." + (1 + (int) (Math.random() * 250)));
                    return request;
                })
                .param("username", staff.username())
                .param("password", IdentityFixtures.PASSWORD)
                .exchange();
        assertThat(result).hasStatus(HttpStatus.FOUND);
        Cookie cookie = result.getResponse().getCookie("SHIFO_SESSION");
        assertThat(cookie).as("session cookie").isNotNull();
        return cookie;
    }
}
