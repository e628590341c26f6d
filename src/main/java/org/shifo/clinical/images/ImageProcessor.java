package org.shifo.clinical.images;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Semaphore;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.apache.tika.Tika;
import org.springframework.stereotype.Component;

/**
 * Turns an upload into what is stored, or refuses it. The type comes from the bytes (Apache Tika's magic
 * numbers), never from the file name or the client's Content-Type. The dimensions are read from the header and
 * checked against {@code shifo.images.max-pixels} before any pixel is decoded. The decoded pixels, turned
 * upright by the EXIF orientation, are then encoded anew (PNG stays PNG, everything else becomes JPEG at
 * quality 0.92): so nothing of the upload but its pixels is kept, no EXIF, GPS, XMP, ICC profile, comment or
 * trailing data (a polyglot's second file) survives. At most two images are decoded at once, to bound memory.
 */
@Component
public class ImageProcessor {

    static final Set<String> ACCEPTED = Set.of("image/jpeg", "image/png", "image/webp");
    static final Set<String> HEIF = Set.of("image/heic", "image/heif", "image/heic-sequence", "image/heif-sequence");
    static final float JPEG_QUALITY = 0.92f;
    static final float THUMBNAIL_QUALITY = 0.85f;

    private final Tika tika = new Tika();
    private final Semaphore decoding = new Semaphore(2);
    private final ImageSettings settings;

    ImageProcessor(ImageSettings settings) {
        this.settings = settings;
        ImageIO.setUseCache(false);
    }

    /** Whether this runtime can decode HEIC (a HEIF reader plug-in is installed); then HEIC is accepted. */
    public static boolean canDecodeHeic() {
        return ImageIO.getImageReadersByMIMEType("image/heic").hasNext();
    }

    public ProcessedImage process(byte[] upload) {
        if (upload.length == 0) {
            throw new ImageRefusedException(ImageRefusedException.Reason.EMPTY);
        }
        long limit = settings.maxSize().toBytes();
        if (upload.length > limit) {
            throw new ImageRefusedException(ImageRefusedException.Reason.TOO_LARGE, limit / (1024 * 1024));
        }
        String detected = tika.detect(upload).toLowerCase(Locale.ROOT);
        boolean heif = HEIF.contains(detected);
        if (!ACCEPTED.contains(detected) && !(heif && canDecodeHeic())) {
            if (heif) {
                throw new ImageRefusedException(ImageRefusedException.Reason.HEIC_NOT_DECODABLE);
            }
            if (detected.startsWith("image/")) {
                throw new ImageRefusedException(ImageRefusedException.Reason.UNSUPPORTED_TYPE, detected);
            }
            throw new ImageRefusedException(ImageRefusedException.Reason.NOT_AN_IMAGE);
        }
        decoding.acquireUninterruptibly();
        try {
            BufferedImage decoded = decode(upload, detected);
            int orientation = detected.equals("image/jpeg") ? ExifOrientation.ofJpeg(upload) : 1;
            BufferedImage upright = orient(decoded, orientation);
            boolean png =
                    detected.equals("image/png") || upright.getColorModel().hasAlpha();
            byte[] content = png ? png(upright) : jpeg(flatten(upright), JPEG_QUALITY);
            byte[] thumbnail = jpeg(flatten(scaleDown(upright, settings.thumbnailSize())), THUMBNAIL_QUALITY);
            return new ProcessedImage(
                    detected,
                    png ? "image/png" : "image/jpeg",
                    content,
                    upright.getWidth(),
                    upright.getHeight(),
                    thumbnail,
                    sha256(content));
        } finally {
            decoding.release();
        }
    }

    private BufferedImage decode(byte[] upload, String type) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(type);
        if (!readers.hasNext()) {
            throw new ImageRefusedException(ImageRefusedException.Reason.UNSUPPORTED_TYPE, type);
        }
        ImageReader reader = readers.next();
        try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(upload))) {
            reader.setInput(input, true, true);
            long width = reader.getWidth(0);
            long height = reader.getHeight(0);
            if (width <= 0 || height <= 0) {
                throw new ImageRefusedException(ImageRefusedException.Reason.UNREADABLE);
            }
            if (width * height > settings.maxPixels()) {
                throw new ImageRefusedException(
                        ImageRefusedException.Reason.TOO_MANY_PIXELS, width, height, settings.maxPixels());
            }
            BufferedImage image = reader.read(0);
            if (image == null) {
                throw new ImageRefusedException(ImageRefusedException.Reason.UNREADABLE);
            }
            return image;
        } catch (IOException | RuntimeException e) {
            if (e instanceof ImageRefusedException refused) {
                throw refused;
            }
            // a truncated or malformed file, an unsupported colour model: the reader's message may quote the
            // file, so it goes nowhere
            throw new ImageRefusedException(ImageRefusedException.Reason.UNREADABLE);
        } finally {
            reader.dispose();
        }
    }

    /** The image turned as EXIF orientation 1..8 says it should be seen. */
    static BufferedImage orient(BufferedImage image, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        AffineTransform transform =
                switch (orientation) {
                    case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0);
                    case 3 -> new AffineTransform(-1, 0, 0, -1, w, h);
                    case 4 -> new AffineTransform(1, 0, 0, -1, 0, h);
                    case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);
                    case 6 -> new AffineTransform(0, 1, -1, 0, h, 0);
                    case 7 -> new AffineTransform(0, -1, -1, 0, h, w);
                    default -> new AffineTransform(0, -1, 1, 0, 0, w);
                };
        boolean turned = orientation >= 5;
        BufferedImage target = new BufferedImage(
                turned ? h : w,
                turned ? w : h,
                image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = target.createGraphics();
        try {
            graphics.drawImage(image, transform, null);
        } finally {
            graphics.dispose();
        }
        return target;
    }

    /** Opaque RGB, transparent parts on white (JPEG has no alpha). */
    private static BufferedImage flatten(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = rgb.createGraphics();
        try {
            graphics.setColor(Color.WHITE);
            graphics.fillRect(0, 0, image.getWidth(), image.getHeight());
            graphics.drawImage(image, 0, 0, null);
        } finally {
            graphics.dispose();
        }
        return rgb;
    }

    /** At most {@code longest} pixels on the longer side, halving step by step (bilinear) for a smooth result. */
    static BufferedImage scaleDown(BufferedImage image, int longest) {
        BufferedImage current = image;
        int w = image.getWidth();
        int h = image.getHeight();
        double factor = Math.min(1.0, (double) longest / Math.max(w, h));
        int targetW = Math.max(1, (int) Math.round(w * factor));
        int targetH = Math.max(1, (int) Math.round(h * factor));
        boolean alpha = image.getColorModel().hasAlpha();
        do {
            w = Math.max(targetW, w / 2);
            h = Math.max(targetH, h / 2);
            BufferedImage next =
                    new BufferedImage(w, h, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
            Graphics2D graphics = next.createGraphics();
            try {
                graphics.setRenderingHint(
                        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                graphics.drawImage(current, 0, 0, w, h, null);
            } finally {
                graphics.dispose();
            }
            current = next;
        } while (w != targetW || h != targetH);
        return current;
    }

    private static byte[] jpeg(BufferedImage image, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam parameters = writer.getDefaultWriteParam();
        parameters.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        parameters.setCompressionQuality(quality);
        return write(writer, image, parameters);
    }

    private static byte[] png(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        return write(writer, image, writer.getDefaultWriteParam());
    }

    private static byte[] write(ImageWriter writer, BufferedImage image, ImageWriteParam parameters) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream output = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(output);
            // no metadata argument: the writer puts only what the format needs (JFIF header, PNG IHDR)
            writer.write(null, new IIOImage(image, null, null), parameters);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not encode an image", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
