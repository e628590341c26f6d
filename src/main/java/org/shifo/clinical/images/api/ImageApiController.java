package org.shifo.clinical.images.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.shifo.clinical.ClinicalRoles;
import org.shifo.clinical.images.EncounterImages;
import org.shifo.clinical.images.ImageContentHeaders;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Dermatology images. Uploads are checked from their bytes (JPEG, PNG, WebP; see docs/clinical.md), stored
 * without metadata, and served only here, to the clinical roles, each read on the audit trail.
 */
@RestController
@Tag(name = "Images")
class ImageApiController {

    private final EncounterImages images;

    ImageApiController(EncounterImages images) {
        this.images = images;
    }

    @PostMapping(path = "/api/v1/encounters/{id}/images", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize(ClinicalRoles.UPLOAD_IMAGES)
    @Operation(
            summary = "Upload a photo or dermatoscopy image to an open encounter (multipart: file, bodySite,"
                    + " lesionLabel, notes?, kind? = PHOTO|DERMATOSCOPY)",
            description = "The type is detected from the bytes: JPEG, PNG and WebP are accepted (HEIC is refused"
                    + " with 415: export the photo as JPEG). EXIF and GPS metadata are removed by re-encoding."
                    + " 413 above shifo.images.max-size (20 MiB), 415 for a non-image or an unsupported type,"
                    + " 422 for an undecodable image or one declaring more than shifo.images.max-pixels, 409 for a"
                    + " closed encounter, 429 after 5 uploads a minute (Retry-After).")
    @ApiResponse(responseCode = "201", description = "Stored; the image's metadata")
    @ApiResponse(
            responseCode = "413",
            description = "Larger than the limit",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(
            responseCode = "415",
            description = "Not an accepted image type",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(
            responseCode = "422",
            description = "Unreadable image or too many pixels",
            content = @Content(mediaType = "application/problem+json"))
    ResponseEntity<ImageResponse> upload(
            @PathVariable UUID id,
            @RequestPart(name = "file", required = false) @Nullable MultipartFile file,
            @Parameter(description = "Body-map code, e.g. left-forearm") @RequestParam(required = false) @Nullable
                    String bodySite,
            @Parameter(description = "Names the lesion, to compare it across visits")
                    @RequestParam(required = false)
                    @Nullable
                    String lesionLabel,
            @RequestParam(required = false) @Nullable String notes,
            @Parameter(schema = @Schema(allowableValues = {"PHOTO", "DERMATOSCOPY"}))
                    @RequestParam(required = false)
                    @Nullable
                    String kind) {
        ImageResponse stored = ImageResponse.from(images.upload(
                id,
                new EncounterImages.Upload(
                        file == null ? 0 : file.getSize(),
                        file == null ? null : file::getBytes,
                        bodySite,
                        lesionLabel,
                        notes,
                        kind)));
        return ResponseEntity.created(URI.create(stored.url())).body(stored);
    }

    @GetMapping("/api/v1/images/{id}")
    @PreAuthorize(ClinicalRoles.READ_CHART)
    @Operation(summary = "The stored image (JPEG or PNG, without metadata); the read is audited")
    @ApiResponse(
            responseCode = "200",
            content = {@Content(mediaType = "image/jpeg"), @Content(mediaType = "image/png")})
    ResponseEntity<InputStreamResource> image(@PathVariable UUID id) {
        return ImageContentHeaders.answer(images.open(id, false), false);
    }

    @GetMapping("/api/v1/images/{id}/thumbnail")
    @PreAuthorize(ClinicalRoles.READ_CHART)
    @Operation(summary = "The image's thumbnail (JPEG, at most 320 px); the read is audited")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "image/jpeg"))
    ResponseEntity<InputStreamResource> thumbnail(@PathVariable UUID id) {
        return ImageContentHeaders.answer(images.open(id, true), true);
    }

    @GetMapping("/api/v1/encounters/{id}/images")
    @PreAuthorize(ClinicalRoles.READ_CHART)
    @Operation(summary = "The encounter's images (metadata), oldest first")
    List<ImageResponse> ofEncounter(@PathVariable UUID id) {
        return images.ofEncounter(id).stream().map(ImageResponse::from).toList();
    }

    @GetMapping("/api/v1/patients/{id}/images")
    @PreAuthorize(ClinicalRoles.READ_CHART)
    @Operation(
            summary = "The patient's images across visits (metadata), oldest visit first; with lesionLabel only"
                    + " that lesion's (matched without regard to case), for side-by-side comparison")
    List<ImageResponse> ofPatient(@PathVariable UUID id, @RequestParam(required = false) @Nullable String lesionLabel) {
        return images.ofPatient(id, lesionLabel).stream()
                .map(ImageResponse::from)
                .toList();
    }
}
