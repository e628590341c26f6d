package org.shifo.notifications.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.notifications.NotificationRoles;
import org.shifo.notifications.push.DeviceRegistry;
import org.shifo.platform.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The signed-in staff member's push devices: a mobile or web client registers its FCM registration token after
 * sign-in (again at every start: idempotent) and unregisters it at sign-out.
 */
@RestController
@Tag(name = "Notifications: devices")
class DeviceApiController {

    private final DeviceRegistry registry;

    DeviceApiController(DeviceRegistry registry) {
        this.registry = registry;
    }

    /** A device to register. */
    record RegisterDeviceRequest(
            @Schema(description = "the FCM registration token (20 to 4096 letters, digits and : _ - .)") @Nullable
                    String token,
            @Schema(description = "ANDROID, IOS or WEB") @Nullable String platform) {}

    /** A registered device (its token is not repeated). */
    record DeviceResponse(UUID id, String platform, Instant registeredAt, Instant lastSeenAt) {

        static DeviceResponse from(DeviceRegistry.Device device) {
            return new DeviceResponse(device.id(), device.platform(), device.registeredAt(), device.lastSeenAt());
        }
    }

    @PostMapping("/api/v1/notifications/devices")
    @PreAuthorize(NotificationRoles.OWN_DEVICES)
    @Operation(
            summary = "Register the caller's device {token, platform}: 201 when new, 200 when the token was known "
                    + "(it moves to the caller and is marked seen)")
    ResponseEntity<DeviceResponse> register(@RequestBody RegisterDeviceRequest request) {
        DeviceRegistry.Registration registration = registry.register(request.token(), request.platform());
        return ResponseEntity.status(registration.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(DeviceResponse.from(registration.device()));
    }

    @GetMapping("/api/v1/notifications/devices")
    @PreAuthorize(NotificationRoles.OWN_DEVICES)
    @Operation(summary = "The caller's registered devices, last seen first")
    List<DeviceResponse> mine() {
        return registry.mine().stream().map(DeviceResponse::from).toList();
    }

    @DeleteMapping("/api/v1/notifications/devices/{tokenOrId}")
    @PreAuthorize(NotificationRoles.OWN_DEVICES)
    @Operation(summary = "Unregister one of the caller's devices, named by its id or its token; 404 when none")
    ResponseEntity<?> unregister(@PathVariable String tokenOrId) {
        if (!registry.unregister(tokenOrId)) {
            return Problems.notFound("device");
        }
        return ResponseEntity.noContent().build();
    }
}
