package org.shifo.clinical.images;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of image uploads ({@code SHIFO_IMAGES_*}).
 *
 * @param maxSize the largest upload accepted (413 above it); Spring's multipart limits follow it
 * @param maxPixels the most pixels (width × height, read from the header before decoding) an image may declare,
 *     so that a small file declaring a huge picture (a decompression bomb) is refused without allocating it
 * @param thumbnailSize the longest side of a thumbnail, in pixels
 */
@ConfigurationProperties("shifo.images")
@Validated
public record ImageSettings(
        @DefaultValue("20MB") DataSize maxSize,
        @DefaultValue("50000000") @Positive long maxPixels,
        @DefaultValue("320") @Min(32) @Max(2048) int thumbnailSize) {}
