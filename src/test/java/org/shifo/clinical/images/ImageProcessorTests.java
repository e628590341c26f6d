package org.shifo.clinical.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class ImageProcessorTests {

    final ImageProcessor processor = new ImageProcessor(new ImageSettings(DataSize.ofMegabytes(20), 50_000_000, 320));

    @Test
    void reEncodesAJpegWithoutItsExifAndGpsAndTurnsItUpright() throws IOException {
        byte[] upload = TestImages.jpegWithExifAndGps(200, 100, 6);
        assertThat(ExifOrientation.ofJpeg(upload)).isEqualTo(6);
        assertThat(TestImages.hasApp1(upload)).isTrue();

        ProcessedImage processed = processor.process(upload);

        assertThat(processed.contentType()).isEqualTo("image/jpeg");
        assertThat(TestImages.hasApp1(processed.content())).isFalse();
        assertThat(TestImages.contains(processed.content(), "Exif".getBytes(StandardCharsets.US_ASCII)))
                .isFalse();
        assertThat(TestImages.contains(processed.content(), TestImages.CAMERA.getBytes(StandardCharsets.US_ASCII)))
                .isFalse();
        // orientation 6: turned a quarter clockwise, so the red left half is now on top
        assertThat(processed.width()).isEqualTo(100);
        assertThat(processed.height()).isEqualTo(200);
        BufferedImage stored = ImageIO.read(new ByteArrayInputStream(processed.content()));
        assertThat(new java.awt.Color(stored.getRGB(50, 20)).getRed()).isGreaterThan(200);
        assertThat(new java.awt.Color(stored.getRGB(50, 180)).getBlue()).isGreaterThan(200);
        BufferedImage thumbnail = ImageIO.read(new ByteArrayInputStream(processed.thumbnail()));
        assertThat(thumbnail.getHeight()).isEqualTo(200);
        assertThat(processed.sha256()).matches("[0-9a-f]{64}");
    }

    @Test
    void keepsPngAsPngAndMakesA320PixelThumbnail() throws IOException {
        ProcessedImage processed = processor.process(TestImages.png(1000, 500));

        assertThat(processed.contentType()).isEqualTo("image/png");
        BufferedImage thumbnail = ImageIO.read(new ByteArrayInputStream(processed.thumbnail()));
        assertThat(thumbnail.getWidth()).isEqualTo(320);
        assertThat(thumbnail.getHeight()).isEqualTo(160);
    }

    @Test
    void decodesWebpAndStoresItAsJpeg() {
        ProcessedImage processed = processor.process(TestImages.webp());

        assertThat(processed.detectedType()).isEqualTo("image/webp");
        assertThat(processed.contentType()).isIn("image/jpeg", "image/png");
        assertThat(processed.width()).isEqualTo(1);
    }

    @Test
    void refusesByTheBytesWhateverTheyClaim() {
        assertThatThrownBy(() -> processor.process("just text".getBytes(StandardCharsets.UTF_8)))
                .hasFieldOrPropertyWithValue("reason", ImageRefusedException.Reason.NOT_AN_IMAGE);
        assertThatThrownBy(() -> processor.process(TestImages.htmlThenJpeg()))
                .hasFieldOrPropertyWithValue("reason", ImageRefusedException.Reason.NOT_AN_IMAGE);
        assertThatThrownBy(() -> processor.process(TestImages.gif(10, 10)))
                .hasFieldOrPropertyWithValue("reason", ImageRefusedException.Reason.UNSUPPORTED_TYPE);
        assertThatThrownBy(() -> processor.process(TestImages.heic()))
                .hasFieldOrPropertyWithValue("reason", ImageRefusedException.Reason.HEIC_NOT_DECODABLE);
        assertThatThrownBy(() -> processor.process(TestImages.brokenJpeg()))
                .hasFieldOrPropertyWithValue("reason", ImageRefusedException.Reason.UNREADABLE);
        assertThatThrownBy(() -> processor.process(new byte[0]))
                .hasFieldOrPropertyWithValue("reason", ImageRefusedException.Reason.EMPTY);
    }

    @Test
    void refusesADecompressionBombFromItsHeader() {
        byte[] bomb = TestImages.pngDeclaring(50_000, 50_000);
        assertThat(bomb.length).isLessThan(1000);

        assertThatThrownBy(() -> processor.process(bomb))
                .hasFieldOrPropertyWithValue("reason", ImageRefusedException.Reason.TOO_MANY_PIXELS);
    }

    @Test
    void dropsWhatIsAppendedToAnImage() {
        ProcessedImage processed = processor.process(TestImages.jpegWithZipAppended());

        assertThat(TestImages.contains(processed.content(), new byte[] {'P', 'K', 3, 4}))
                .isFalse();
    }

    @Test
    void refusesMoreThanTheSizeLimit() {
        ImageProcessor small = new ImageProcessor(new ImageSettings(DataSize.ofBytes(1000), 50_000_000, 320));

        assertThatThrownBy(() -> small.process(TestImages.jpeg(400, 400)))
                .hasFieldOrPropertyWithValue("reason", ImageRefusedException.Reason.TOO_LARGE);
    }
}
