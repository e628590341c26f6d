package org.shifo.clinical.images;

/**
 * An accepted upload, re-encoded: the bytes to store (no metadata), their type and dimensions, and the thumbnail.
 *
 * @param detectedType what the upload's bytes were (image/jpeg, image/png, image/webp)
 * @param contentType what the stored bytes are (image/jpeg or image/png)
 */
public record ProcessedImage(
        String detectedType,
        String contentType,
        byte[] content,
        int width,
        int height,
        byte[] thumbnail,
        String sha256) {}
