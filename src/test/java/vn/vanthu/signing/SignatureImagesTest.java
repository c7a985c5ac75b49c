package vn.vanthu.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.graphics.color.PDIndexed;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The images a signature draws reach the PDF as PNG data PDFBox can take as it is. */
class SignatureImagesTest {

    @TempDir
    Path folder;

    @Test
    void theDemoImagesArePalettePngsThatKeepTheirPixels() throws Exception {
        SignatureImages images = new SignatureImages(new SignatureImages.Settings(null, null));
        for (byte[] png : new byte[][] {images.signer("bithu", "Nguyễn Văn An"), images.seal("Văn thư (demo)")}) {
            assertThat(embeddedAsIndexed(png)).isTrue();
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            // ink on paper: one colour, many levels of coverage, a transparent background
            assertThat(image.getRGB(0, 0) >>> 24).isZero();
            long inked = 0;
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    int alpha = image.getRGB(x, y) >>> 24;
                    if (alpha == 255) {
                        inked++;
                    }
                }
            }
            assertThat(inked).isGreaterThan(500);
        }
    }

    @Test
    void aConfiguredImageWithFewColoursIsConvertedOneWithManyIsKept() throws Exception {
        BufferedImage few = new BufferedImage(60, 30, BufferedImage.TYPE_INT_ARGB);
        for (int x = 0; x < 60; x++) {
            few.setRGB(x, 15, (x * 4 << 24) | 0x0033A0);
        }
        BufferedImage many = new BufferedImage(60, 30, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 60; x++) {
                many.setRGB(x, y, 0xFF000000 | (x * 4 << 16) | (y * 8 << 8) | (x + y));
            }
        }
        Files.write(folder.resolve("bithu.png"), png(few));
        Files.write(folder.resolve("seal.png"), png(many));
        SignatureImages images = new SignatureImages(new SignatureImages.Settings(folder.toString(), null));

        byte[] signer = images.signer("bithu", "Nguyễn Văn An");
        assertThat(embeddedAsIndexed(signer)).isTrue();
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(signer));
        for (int x = 0; x < 60; x++) {
            assertThat(back.getRGB(x, 15)).isEqualTo(few.getRGB(x, 15) >>> 24 == 0 ? 0 : few.getRGB(x, 15));
        }
        assertThat(images.seal("any")).isEqualTo(png(many));
    }

    private static boolean embeddedAsIndexed(byte[] png) throws Exception {
        try (PDDocument doc = new PDDocument()) {
            return PDImageXObject.createFromByteArray(doc, png, "x.png").getColorSpace() instanceof PDIndexed;
        }
    }

    private static byte[] png(BufferedImage image) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
