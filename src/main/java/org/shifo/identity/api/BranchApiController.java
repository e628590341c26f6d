package org.shifo.identity.api;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.identity.CurrentUser;
import org.shifo.identity.accounts.Branches;
import org.shifo.identity.persistence.Organizations;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The organization's branches: every staff member may list them; administrators add them. */
@RestController
@RequestMapping("/api/v1/branches")
@Tag(name = "Identity")
class BranchApiController {

    private final Branches branches;

    BranchApiController(Branches branches) {
        this.branches = branches;
    }

    record CreateBranchRequest(
            @NotBlank @Size(max = 200) String name,
            @Nullable @Size(max = 500) String address,
            @Nullable @Size(max = 64) String timeZone) {}

    record BranchResponse(UUID id, String name, String address, String timeZone) {
        static BranchResponse from(Organizations.BranchRow row) {
            return new BranchResponse(
                    row.id().value(), row.name(), row.address(), row.timeZone().getId());
        }
    }

    @GetMapping
    List<BranchResponse> list() {
        return branches.list(CurrentUser.get().tenantId()).stream()
                .map(BranchResponse::from)
                .toList();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('ADMIN')")
    BranchResponse create(@Valid @RequestBody CreateBranchRequest request) {
        return BranchResponse.from(
                branches.create(CurrentUser.get().tenantId(), request.name(), request.address(), request.timeZone()));
    }
}
