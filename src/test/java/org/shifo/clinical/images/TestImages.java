package org.shifo.clinical.images;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;

/** Images made in the test, byte by byte where ImageIO cannot write them; nothing is downloaded. */
public final class TestImages {

    /** The camera make written into the EXIF block, to look for in stored bytes. */
    public static final String CAMERA = "ShifoTestCam";

    private TestImages() {}

    /** A picture whose left half is red and right half blue. */
    public static BufferedImage picture(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(Color.RED);
        graphics.fillRect(0, 0, width / 2, height);
        graphics.setColor(Color.BLUE);
        graphics.fillRect(width / 2, 0, width - width / 2, height);
        graphics.dispose();
        return image;
    }

    public static byte[] jpeg(int width, int height) {
        return write(picture(width, height), "jpeg");
    }

    public static byte[] png(int width, int height) {
        return write(picture(width, height), "png");
    }

    public static byte[] gif(int width, int height) {
        return write(picture(width, height), "gif");
    }

    /**
     * A JPEG with an EXIF APP1 segment written by hand: IFD0 with the camera make and the orientation, and a GPS
     * IFD placing the photo in Tashkent (41°18′N 69°16′E).
     */
    public static byte[] jpegWithExifAndGps(int width, int height, int orientation) {
        byte[] plain = jpeg(width, height);
        byte[] tiff = exifTiff(orientation);
        byte[] exif = new byte[6 + tiff.length];
        System.arraycopy("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), 0, exif, 0, 6);
        System.arraycopy(tiff, 0, exif, 6, tiff.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xFF);
        out.write(0xD8);
        out.write(0xFF);
        out.write(0xE1);
        int length = exif.length + 2;
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.write(exif, 0, exif.length);
        out.write(plain, 2, plain.length - 2);
        return out.toByteArray();
    }

    private static byte[] exifTiff(int orientation) {
        ByteBuffer b = ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        // IFD0 at 8: 3 entries (Make, Orientation, GPS IFD pointer), then next-IFD 0
        int ifd0 = 8;
        int makeAt = ifd0 + 2 + 3 * 12 + 4;
        byte[] make = (CAMERA + "\0").getBytes(StandardCharsets.US_ASCII);
        int gpsAt = makeAt + make.length + (make.length % 2);
        b.putShort((short) 3);
        entry(b, 0x010F, 2, make.length, makeAt);
        b.putShort((short) 0x0112)
                .putShort((short) 3)
                .putInt(1)
                .putShort((short) orientation)
                .putShort((short) 0);
        entry(b, 0x8825, 4, 1, gpsAt);
        b.putInt(0);
        b.put(make);
        if (make.length % 2 == 1) {
            b.put((byte) 0);
        }
        // GPS IFD: LatitudeRef, Latitude, LongitudeRef, Longitude
        int rationalsAt = gpsAt + 2 + 4 * 12 + 4;
        b.putShort((short) 4);
        b.putShort((short) 1)
                .putShort((short) 2)
                .putInt(2)
                .put((byte) 'N')
                .put((byte) 0)
                .putShort((short) 0);
        entry(b, 2, 5, 3, rationalsAt);
        b.putShort((short) 3)
                .putShort((short) 2)
                .putInt(2)
                .put((byte) 'E')
                .put((byte) 0)
                .putShort((short) 0);
        entry(b, 4, 5, 3, rationalsAt + 24);
        b.putInt(0);
        for (int value : new int[] {41, 18, 0, 69, 16, 0}) {
            b.putInt(value).putInt(1);
        }
        byte[] tiff = new byte[b.position()];
        b.flip();
        b.get(tiff);
        return tiff;
    }

    private static void entry(ByteBuffer b, int tag, int type, int count, int offset) {
        b.putShort((short) tag).putShort((short) type).putInt(count).putInt(offset);
    }

    /** A tiny PNG whose header declares {@code width × height} pixels: a decompression bomb's shape. */
    public static byte[] pngDeclaring(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteBuffer header = ByteBuffer.allocate(13).putInt(width).putInt(height);
        header.put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", header.array());
        Deflater deflater = new Deflater();
        deflater.setInput(new byte[64 * 1024]);
        deflater.finish();
        byte[] compressed = new byte[4096];
        int length = deflater.deflate(compressed);
        deflater.end();
        chunk(out, "IDAT", java.util.Arrays.copyOf(compressed, length));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(name);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** A 1×1 lossy WebP (the smallest well-formed one, as browsers' feature tests use). */
    public static byte[] webp() {
        return Base64.getDecoder().decode("UklGRiIAAABXRUJQVlA4IBYAAAAwAQCdASoBAAEADsD+JaQAA3AAAAAA");
    }

    /** The start of an iPhone HEIC file: an ISO-BMFF {@code ftyp} box of brand {@code heic}. */
    public static byte[] heic() {
        ByteBuffer b = ByteBuffer.allocate(256);
        b.putInt(24).put("ftypheic".getBytes(StandardCharsets.US_ASCII)).putInt(0);
        b.put("mif1heic".getBytes(StandardCharsets.US_ASCII));
        b.putInt(232).put("meta".getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }

    /** A JPEG with a ZIP archive appended: a polyglot both readers accept. */
    public static byte[] jpegWithZipAppended() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(jpeg(40, 30));
        try (var zip = new java.util.zip.ZipOutputStream(out)) {
            zip.putNextEntry(new java.util.zip.ZipEntry("payload.html"));
            zip.write("<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** An HTML page with a JPEG after it: a polyglot that a browser would run as a page. */
    public static byte[] htmlThenJpeg() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("<!DOCTYPE html><html><script>alert(document.cookie)</script></html>\n"
                .getBytes(StandardCharsets.UTF_8));
        out.writeBytes(jpeg(20, 20));
        return out.toByteArray();
    }

    /** JPEG's first bytes followed by garbage. */
    public static byte[] brokenJpeg() {
        byte[] garbage = new byte[2000];
        new java.util.Random(7).nextBytes(garbage);
        garbage[0] = (byte) 0xFF;
        garbage[1] = (byte) 0xD8;
        garbage[2] = (byte) 0xFF;
        garbage[3] = (byte) 0xDB;
        return garbage;
    }

    private static byte[] write(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Whether {@code bytes} contains {@code part}. */
    public static boolean contains(byte[] bytes, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= bytes.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (bytes[i + j] != part[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** Whether a JPEG has an APP1 (EXIF/XMP) segment before its image data. */
    public static boolean hasApp1(byte[] jpeg) {
        int at = 2;
        while (at + 4 <= jpeg.length && (jpeg[at] & 0xFF) == 0xFF) {
            int marker = jpeg[at + 1] & 0xFF;
            if (marker == 0xDA) {
                return false;
            }
            if (marker == 0xE1) {
                return true;
            }
            at += 2 + (((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF));
        }
        return false;
    }
}
