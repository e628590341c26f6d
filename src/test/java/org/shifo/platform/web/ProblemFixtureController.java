package org.shifo.platform.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A JSON endpoint that exists only in tests, to exercise the platform's error answers. */
@RestController
class ProblemFixtureController {

    private static final Logger log = LoggerFactory.getLogger(ProblemFixtureController.class);

    record CreateFixtureRequest(@NotBlank String name, @NotNull @Min(0) @Max(130) Integer age, LocalDate birthDate) {}

    @PostMapping(path = "/api/test-support/fixtures", consumes = MediaType.APPLICATION_JSON_VALUE)
    CreateFixtureRequest create(@Valid @RequestBody CreateFixtureRequest request) {
        log.info("fixture created");
        return request;
    }

    @GetMapping("/api/test-support/fixtures")
    String find(@RequestParam int page) {
        return "page " + page;
    }

    @GetMapping("/api/test-support/failure")
    String fail() {
        throw new IllegalStateException("Key (family_name)=(Xojayev) leaked secret-patient-name");
    }
}
