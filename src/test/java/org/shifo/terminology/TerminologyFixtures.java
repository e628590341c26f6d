package org.shifo.terminology;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Uploads the sample code set files under src/test/resources/terminology and waits for their imports. */
public final class TerminologyFixtures {

    private final MockMvcTester mvc;
    private final JsonMapper json;

    public TerminologyFixtures(MockMvcTester mvc, JsonMapper json) {
        this.mvc = mvc;
        this.json = json;
    }

    public static byte[] sample(String name) {
        try (InputStream in = TerminologyFixtures.class.getResourceAsStream("/terminology/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Posts a file to the import endpoint with the given form fields (name, value pairs). */
    public MvcTestResult upload(String token, String fileName, byte[] bytes, String... fields) {
        var request = mvc.post()
                .uri("/api/v1/terminology/imports")
                .header(HttpHeaders.AUTHORIZATION, token)
                .multipart()
                .file(new MockMultipartFile("file", fileName, "application/octet-stream", bytes));
        for (int i = 0; i + 1 < fields.length; i += 2) {
            request = request.param(fields[i], fields[i + 1]);
        }
        return request.exchange();
    }

    /** Uploads a sample, expects 202, and waits until the job is finished; returns the finished job. */
    public JsonNode importSample(String token, String sample, String format, String... fields) {
        String[] all = new String[fields.length + 2];
        all[0] = "format";
        all[1] = format;
        System.arraycopy(fields, 0, all, 2, fields.length);
        MvcTestResult result = upload(token, sample, sample(sample), all);
        assertThat(result).hasStatus(202);
        return awaitFinished(token, body(result).get("id").asString());
    }

    public JsonNode awaitFinished(String token, String id) {
        Instant until = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            JsonNode job = body(mvc.get()
                    .uri("/api/v1/terminology/imports/" + id)
                    .header(HttpHeaders.AUTHORIZATION, token)
                    .exchange());
            String status = job.get("status").asString();
            if (status.equals("SUCCEEDED")
                    || status.equals("FAILED")
                    || Instant.now().isAfter(until)) {
                return job;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return job;
            }
        }
    }

    public JsonNode body(MvcTestResult result) {
        return json.readTree(result.getResponse().getContentAsByteArray());
    }
}
