package org.shifo.platform.testing;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON API calls with a bearer token, as the API integration tests make them. */
public class ApiCalls {

    private final MockMvcTester mvc;
    private final JsonMapper json;

    public ApiCalls(MockMvcTester mvc, JsonMapper json) {
        this.mvc = mvc;
        this.json = json;
    }

    public MvcTestResult post(String token, String uri, String body) {
        return mvc.post()
                .uri(uri)
                .header(HttpHeaders.AUTHORIZATION, token)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body)
                .exchange();
    }

    public MvcTestResult put(String token, String uri, String body) {
        return mvc.put()
                .uri(uri)
                .header(HttpHeaders.AUTHORIZATION, token)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body)
                .exchange();
    }

    public MvcTestResult get(String token, String uri) {
        return mvc.get().uri(uri).header(HttpHeaders.AUTHORIZATION, token).exchange();
    }

    public MvcTestResult delete(String token, String uri) {
        return mvc.delete().uri(uri).header(HttpHeaders.AUTHORIZATION, token).exchange();
    }

    public JsonNode body(MvcTestResult result) {
        return json.readTree(result.getResponse().getContentAsByteArray());
    }
}
