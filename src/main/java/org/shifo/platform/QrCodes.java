package org.shifo.platform;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.qrcode.QRCodeWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;

/**
 * QR codes drawn in the application (ZXing), for pages to show as images: an authenticator's enrolment URI, a
 * payment link. Pages embed them as {@code data:} URIs, which the content security policy allows for images.
 */
public final class QrCodes {

    private QrCodes() {}

    /** The QR code of {@code text} as a square PNG of {@code size} pixels. */
    public static byte[] png(String text, int size) {
        try (ByteArrayOutputStream png = new ByteArrayOutputStream()) {
            var matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, size, size);
            MatrixToImageWriter.writeToStream(matrix, "PNG", png);
            return png.toByteArray();
        } catch (WriterException | IOException e) {
            throw new IllegalStateException("Could not draw the QR code", e);
        }
    }

    /** A {@code data:} URI of the QR code of {@code text}, for an img tag. */
    public static String dataUri(String text, int size) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png(text, size));
    }
}
