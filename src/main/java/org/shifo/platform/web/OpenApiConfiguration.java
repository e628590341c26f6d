package org.shifo.platform.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.shifo.platform.Problems;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Describes the JSON API in OpenAPI: the product, bearer authentication, the shared {@code Problem} schema
 * (RFC 9457 with Shifo's {@code requestId} and {@code errors}), and the problem responses every operation can
 * give. Modules tag their own controllers ({@code @Tag(name = "Patients")}), one tag per module.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String PROBLEM_SCHEMA = "Problem";

    @Bean
    OpenAPI shifoOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Shifo API")
                        .version("v1")
                        .description("Clinic management: patients, scheduling, queue, clinical records, billing."
                                + " Errors are RFC 9457 problem details (application/problem+json) whose `type` is"
                                + " stable and starts with " + Problems.TYPE_BASE + "."))
                .components(new Components()
                        .addSecuritySchemes(
                                "bearer",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")));
    }

    @Bean
    OpenApiCustomizer problemResponses() {
        return openApi -> {
            // added here, not on the OpenAPI bean: springdoc rebuilds the schema map from the controllers
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            openApi.getComponents().addSchemas(PROBLEM_SCHEMA, problemSchema());
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
                var responses = operation.getResponses();
                responses.computeIfAbsent("400", code -> problem("Invalid request: see `errors` for each field"));
                responses.computeIfAbsent("401", code -> problem("Not signed in"));
                responses.computeIfAbsent("403", code -> problem("Signed in, but not allowed"));
                responses.computeIfAbsent("404", code -> problem("Not found (or belongs to another organization)"));
                responses.computeIfAbsent("429", code -> problem("Too many requests: see Retry-After"));
                responses.computeIfAbsent("500", code -> problem("Internal error: quote the requestId"));
            }));
        };
    }

    private static ApiResponse problem(String description) {
        Schema<?> reference = new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA);
        return new ApiResponse()
                .description(description)
                .content(new Content().addMediaType("application/problem+json", new MediaType().schema(reference)));
    }

    private static Schema<?> problemSchema() {
        ObjectSchema fieldError = new ObjectSchema();
        fieldError.addProperty("field", new StringSchema().description("JSON path of the field, or parameter name"));
        fieldError.addProperty("message", new StringSchema().description("The rule the value broke"));
        ObjectSchema problem = new ObjectSchema();
        problem.description("RFC 9457 problem detail");
        problem.addProperty("type", new StringSchema().format("uri").example(Problems.TYPE_BASE + "validation"));
        problem.addProperty("title", new StringSchema());
        problem.addProperty("status", new IntegerSchema());
        problem.addProperty("detail", new StringSchema());
        problem.addProperty("instance", new StringSchema().format("uri-reference"));
        problem.addProperty(Problems.REQUEST_ID, new StringSchema());
        problem.addProperty(Problems.ERRORS, new ArraySchema().items(fieldError));
        return problem;
    }
}
