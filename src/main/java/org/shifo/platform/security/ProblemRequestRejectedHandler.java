package org.shifo.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.shifo.platform.Problems;
import org.shifo.platform.web.ProblemWriter;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

/**
 * Answers a request the firewall refuses (an encoded percent sign or {@code ..} in the path, …) with a 400
 * problem detail, as every other refusal of the API is answered, instead of an empty 400.
 */
@Component
final class ProblemRequestRejectedHandler implements RequestRejectedHandler {

    private final ProblemWriter problems;

    ProblemRequestRejectedHandler(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public void handle(
            HttpServletRequest request, HttpServletResponse response, RequestRejectedException requestRejectedException)
            throws IOException {
        try {
            problems.write(
                    request,
                    response,
                    Problems.of(
                            HttpStatus.BAD_REQUEST,
                            "bad-request",
                            "Bad Request",
                            "The request's address is not allowed."));
        } catch (IllegalArgumentException notAUri) {
            // the address is not even a URI, so the problem cannot name it as its instance
            response.sendError(HttpStatus.BAD_REQUEST.value());
        }
    }
}
