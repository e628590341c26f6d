package org.shifo.identity.api;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.shifo.identity.CurrentUser;
import org.shifo.identity.UserId;
import org.shifo.identity.accounts.NewStaffMember;
import org.shifo.identity.accounts.StaffAdministration;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Staff administration for an organization's administrators; every id outside the caller's organization is a 404. */
@RestController
@RequestMapping("/api/v1/users")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Identity")
class UserApiController {

    private final StaffAdministration administration;
    private final Clock clock;

    UserApiController(StaffAdministration administration, Clock clock) {
        this.administration = administration;
        this.clock = clock;
    }

    record CreateUserRequest(
            @NotBlank @Size(max = 64) String username,
            @NotBlank @Size(max = 200) String fullName,
            @Nullable @Size(max = 254) String email,
            @Nullable @Size(max = 32) String phone,
            @Nullable @Size(max = 2) String language,
            @NotBlank @Size(max = 1024) String password,
            @NotNull @Size(max = 50) List<@Valid @NotNull RoleRequest> roles) {

        NewStaffMember toNewStaffMember() {
            return new NewStaffMember(
                    username, fullName, email, phone, language == null ? "uz" : language, password, roleSet(roles));
        }
    }

    record UpdateUserRequest(
            @NotBlank @Size(max = 200) String fullName,
            @Nullable @Size(max = 254) String email,
            @Nullable @Size(max = 32) String phone,
            @NotBlank @Size(max = 2) String language,
            @NotNull @Size(max = 50) List<@Valid @NotNull RoleRequest> roles) {}

    static Set<org.shifo.identity.BranchRole> roleSet(List<RoleRequest> roles) {
        return roles.stream().map(RoleRequest::toBranchRole).collect(Collectors.toUnmodifiableSet());
    }

    @GetMapping
    List<StaffResponse> list() {
        return administration.list(CurrentUser.get().tenantId()).stream()
                .map(account -> StaffResponse.from(account, clock.instant()))
                .toList();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    StaffResponse create(@Valid @RequestBody CreateUserRequest request) {
        return StaffResponse.from(
                administration.create(CurrentUser.get().tenantId(), request.toNewStaffMember()), clock.instant());
    }

    @GetMapping("/{id}")
    StaffResponse get(@PathVariable UUID id) {
        return StaffResponse.from(administration.get(CurrentUser.get().tenantId(), new UserId(id)), clock.instant());
    }

    @PutMapping("/{id}")
    StaffResponse update(@PathVariable UUID id, @Valid @RequestBody UpdateUserRequest request) {
        return StaffResponse.from(
                administration.update(
                        CurrentUser.get().tenantId(),
                        new UserId(id),
                        request.fullName(),
                        request.email(),
                        request.phone(),
                        request.language(),
                        roleSet(request.roles())),
                clock.instant());
    }

    @PostMapping("/{id}/disable")
    StaffResponse disable(@PathVariable UUID id) {
        return StaffResponse.from(
                administration.disable(CurrentUser.get().tenantId(), new UserId(id)), clock.instant());
    }

    @PostMapping("/{id}/enable")
    StaffResponse enable(@PathVariable UUID id) {
        return StaffResponse.from(administration.enable(CurrentUser.get().tenantId(), new UserId(id)), clock.instant());
    }

    @PostMapping("/{id}/unlock")
    StaffResponse unlock(@PathVariable UUID id) {
        return StaffResponse.from(administration.unlock(CurrentUser.get().tenantId(), new UserId(id)), clock.instant());
    }

    @PostMapping("/{id}/reset-mfa")
    StaffResponse resetMfa(@PathVariable UUID id) {
        return StaffResponse.from(
                administration.resetSecondFactor(CurrentUser.get().tenantId(), new UserId(id)), clock.instant());
    }
}
