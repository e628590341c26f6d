package org.shifo.clinical.images;

import java.time.Instant;
import java.util.UUID;

/**
 * One stored image's metadata, with the start of its encounter (the visit it belongs to).
 *
 * @param contentType the stored file's type (image/jpeg or image/png); the thumbnail is always image/jpeg
 * @param sizeBytes the stored file's size
 */
public record ImageRecord(
        UUID id,
        UUID encounterId,
        UUID patientId,
        BodySite bodySite,
        String lesionLabel,
        String notes,
        ImageKind kind,
        String contentType,
        long sizeBytes,
        int width,
        int height,
        String fileKey,
        String thumbnailKey,
        String sha256,
        UUID uploadedBy,
        Instant uploadedAt,
        Instant encounterStartedAt) {}
