package org.shifo.clinical.images.api;

import java.time.Instant;
import java.util.UUID;
import org.shifo.clinical.images.ImageRecord;

/**
 * An image's metadata as the API shows it; {@code url} and {@code thumbnailUrl} serve the stored bytes (with the
 * same bearer token). {@code bodySite} is a body-map code (docs/clinical.md lists them).
 */
record ImageResponse(
        UUID id,
        UUID encounterId,
        UUID patientId,
        String bodySite,
        String lesionLabel,
        String notes,
        String kind,
        String contentType,
        long sizeBytes,
        int width,
        int height,
        String sha256,
        UUID uploadedBy,
        Instant uploadedAt,
        Instant encounterStartedAt,
        String url,
        String thumbnailUrl) {

    static ImageResponse from(ImageRecord image) {
        String url = "/api/v1/images/" + image.id();
        return new ImageResponse(
                image.id(),
                image.encounterId(),
                image.patientId(),
                image.bodySite().code(),
                image.lesionLabel(),
                image.notes(),
                image.kind().name(),
                image.contentType(),
                image.sizeBytes(),
                image.width(),
                image.height(),
                image.sha256(),
                image.uploadedBy(),
                image.uploadedAt(),
                image.encounterStartedAt(),
                url,
                url + "/thumbnail");
    }
}
