package org.shifo.identity.api;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.identity.accounts.FirstRun;
import org.shifo.identity.accounts.OrganizationSetup;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * New organizations: by the installation's operator, or once through first-run setup with the printed token.
 * The operator sees no patient data of organizations they do not belong to: they only create them.
 */
@RestController
@Tag(name = "Identity")
class OrganizationApiController {

    private final OrganizationSetup setup;
    private final FirstRun firstRun;

    OrganizationApiController(OrganizationSetup setup, FirstRun firstRun) {
        this.setup = setup;
        this.firstRun = firstRun;
    }

    record CreateOrganizationRequest(
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Size(max = 200) String branchName,
            @Nullable @Size(max = 64) String timeZone,
            @NotBlank @Size(max = 64) String adminUsername,
            @NotBlank @Size(max = 1024) String adminPassword,
            @NotBlank @Size(max = 200) String adminFullName) {

        OrganizationSetup.NewOrganization toNewOrganization() {
            return new OrganizationSetup.NewOrganization(
                    name,
                    branchName,
                    timeZone == null ? "Asia/Tashkent" : timeZone,
                    adminUsername,
                    adminPassword,
                    adminFullName);
        }
    }

    record SetupRequest(
            @NotBlank @Size(max = 128) String setupToken,
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Size(max = 200) String branchName,
            @Nullable @Size(max = 64) String timeZone,
            @NotBlank @Size(max = 64) String adminUsername,
            @NotBlank @Size(max = 1024) String adminPassword,
            @NotBlank @Size(max = 200) String adminFullName) {}

    record OrganizationResponse(UUID id, UUID branchId, UUID adminId) {
        static OrganizationResponse from(OrganizationSetup.CreatedOrganization created) {
            return new OrganizationResponse(
                    created.organizationId().value(),
                    created.branchId().value(),
                    created.adminId().value());
        }
    }

    @PostMapping("/api/v1/organizations")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('OPERATOR')")
    OrganizationResponse create(@Valid @RequestBody CreateOrganizationRequest request) {
        return OrganizationResponse.from(setup.create(request.toNewOrganization(), false));
    }

    @PostMapping("/api/v1/setup")
    @ResponseStatus(HttpStatus.CREATED)
    OrganizationResponse completeSetup(@Valid @RequestBody SetupRequest request) {
        return OrganizationResponse.from(firstRun.complete(
                request.setupToken(),
                new OrganizationSetup.NewOrganization(
                        request.name(),
                        request.branchName(),
                        request.timeZone() == null ? "Asia/Tashkent" : request.timeZone(),
                        request.adminUsername(),
                        request.adminPassword(),
                        request.adminFullName())));
    }
}
