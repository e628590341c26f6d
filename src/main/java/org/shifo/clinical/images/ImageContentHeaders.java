package org.shifo.clinical.images;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * How stored image bytes are answered, on the API and on pages alike: their own type, never cached by anything
 * but kept private ({@code private, no-store}), never sniffed ({@code nosniff}), shown inline under a name made
 * here (the image's visit date and id), never the uploaded file's name.
 */
public final class ImageContentHeaders {

    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    private ImageContentHeaders() {}

    public static ResponseEntity<InputStreamResource> answer(EncounterImages.StoredContent content, boolean thumbnail) {
        String extension = content.contentType().equals("image/png") ? "png" : "jpg";
        String name = "image-" + DAY.format(content.image().encounterStartedAt()) + "-"
                + content.image().id().toString().substring(0, 8) + (thumbnail ? "-thumbnail" : "") + "."
                + extension;
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType(content.contentType()));
        headers.setContentLength(content.size());
        headers.setCacheControl(CacheControl.noStore().cachePrivate());
        headers.set("X-Content-Type-Options", "nosniff");
        headers.setContentDisposition(ContentDisposition.inline().filename(name).build());
        return ResponseEntity.ok().headers(headers).body(new InputStreamResource(content.stream()));
    }
}
