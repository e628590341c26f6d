package org.shifo.clinical.images;

/**
 * Reads the EXIF orientation (TIFF tag 0x0112) of a JPEG, so that a photo taken with the phone turned is stored
 * upright once its metadata is gone. Only the APP1 {@code Exif} segment before the image data is looked at; an
 * absent, damaged or out-of-range value counts as 1 (as stored).
 */
final class ExifOrientation {

    private ExifOrientation() {}

    static int ofJpeg(byte[] jpeg) {
        try {
            return read(jpeg);
        } catch (IndexOutOfBoundsException e) {
            return 1;
        }
    }

    private static int read(byte[] b) {
        if (b.length < 4 || (b[0] & 0xFF) != 0xFF || (b[1] & 0xFF) != 0xD8) {
            return 1;
        }
        int at = 2;
        while (at + 4 <= b.length) {
            if ((b[at] & 0xFF) != 0xFF) {
                return 1;
            }
            int marker = b[at + 1] & 0xFF;
            if (marker == 0xFF) {
                at++;
                continue;
            }
            if (marker == 0xDA || marker == 0xD9) {
                return 1;
            }
            int length = ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
            int data = at + 4;
            if (marker == 0xE1 && length >= 8 && startsWithExif(b, data)) {
                return fromTiff(b, data + 6, data + length - 2);
            }
            at += 2 + length;
        }
        return 1;
    }

    private static boolean startsWithExif(byte[] b, int at) {
        return b[at] == 'E' && b[at + 1] == 'x' && b[at + 2] == 'i' && b[at + 3] == 'f' && b[at + 4] == 0;
    }

    private static int fromTiff(byte[] b, int tiff, int end) {
        boolean little = b[tiff] == 'I' && b[tiff + 1] == 'I';
        if (!little && !(b[tiff] == 'M' && b[tiff + 1] == 'M')) {
            return 1;
        }
        int ifd = tiff + int32(b, tiff + 4, little);
        if (ifd < tiff || ifd + 2 > end) {
            return 1;
        }
        int entries = int16(b, ifd, little);
        for (int i = 0; i < entries; i++) {
            int entry = ifd + 2 + i * 12;
            if (entry + 12 > end) {
                return 1;
            }
            if (int16(b, entry, little) == 0x0112) {
                int value = int16(b, entry + 8, little);
                return value >= 1 && value <= 8 ? value : 1;
            }
        }
        return 1;
    }

    private static int int16(byte[] b, int at, boolean little) {
        return little ? (b[at] & 0xFF) | ((b[at + 1] & 0xFF) << 8) : ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    private static int int32(byte[] b, int at, boolean little) {
        return little
                ? (b[at] & 0xFF) | ((b[at + 1] & 0xFF) << 8) | ((b[at + 2] & 0xFF) << 16) | ((b[at + 3] & 0xFF) << 24)
                : ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }
}
