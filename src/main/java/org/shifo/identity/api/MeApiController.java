package org.shifo.identity.api;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import org.shifo.identity.CurrentUser;
import org.shifo.identity.Staff;
import org.shifo.identity.accounts.StaffAdministration;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in staff member's own account. */
@RestController
@RequestMapping("/api/v1/me")
@Tag(name = "Identity")
class MeApiController {

    private final StaffAdministration administration;
    private final Clock clock;

    MeApiController(StaffAdministration administration, Clock clock) {
        this.administration = administration;
        this.clock = clock;
    }

    record ChangePasswordRequest(
            @NotBlank @Size(max = 1024) String currentPassword, @NotBlank @Size(max = 1024) String newPassword) {}

    record ChangeLanguageRequest(@NotBlank @Size(max = 2) String language) {}

    @GetMapping
    StaffResponse me() {
        Staff staff = CurrentUser.get();
        return StaffResponse.from(administration.get(staff.tenantId(), staff.userId()), clock.instant());
    }

    @PostMapping("/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void changePassword(@Valid @RequestBody ChangePasswordRequest request) {
        Staff staff = CurrentUser.get();
        administration.changePassword(
                staff.tenantId(), staff.userId(), request.currentPassword(), request.newPassword());
    }

    @PutMapping("/language")
    StaffResponse changeLanguage(@Valid @RequestBody ChangeLanguageRequest request) {
        Staff staff = CurrentUser.get();
        administration.changeLanguage(staff.tenantId(), staff.userId(), request.language());
        return me();
    }
}
