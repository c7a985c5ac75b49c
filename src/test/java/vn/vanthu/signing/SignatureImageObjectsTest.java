package vn.vanthu.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.junit.jupiter.api.Test;

/**
 * The image object made once ({@link SignatureImageObjects}) is the one PDFBox makes from the real
 * image each time: the same pixels, the same transparency, the same data.
 */
class SignatureImageObjectsTest {

    static final SignatureImages IMAGES = new SignatureImages(new SignatureImages.Settings(null, null));

    @Test
    void theStandInHasTheImagesSizeAndPaletteButNoTransparencyAndNoPicture() throws Exception {
        byte[] seal = IMAGES.seal("Đảng ủy Khối các cơ quan tỉnh");
        byte[] standIn = SignatureImageObjects.of(seal).prepared().orElseThrow().standIn();
        // DSS asks the colour space before drawing: a palette image answers with its base space
        assertThat(SignatureImageObjects.of(seal).colourSpace()).isEqualTo("DeviceRGB");

        BufferedImage real = ImageIO.read(new ByteArrayInputStream(seal));
        BufferedImage drawn = ImageIO.read(new ByteArrayInputStream(standIn));
        assertThat(drawn.getWidth()).isEqualTo(real.getWidth());
        assertThat(drawn.getHeight()).isEqualTo(real.getHeight());
        assertThat(drawn.getColorModel().hasAlpha()).isFalse();
        assertThat(chunkTypes(standIn)).doesNotContain("tRNS");
        assertThat(chunkTypes(standIn).stream().filter(t -> !t.equals("tRNS")).toList())
                .isEqualTo(
                        chunkTypes(seal).stream().filter(t -> !t.equals("tRNS")).toList());
        // blank: one colour throughout, so it can never be mistaken for the image
        assertThat(drawn.getRGB(real.getWidth() / 2, real.getHeight() / 2)).isEqualTo(drawn.getRGB(0, 0));
    }

    @Test
    void anAppearanceDrawnWithTheStandInGetsTheRealImageAndItsMask() throws Exception {
        for (byte[] png : List.of(IMAGES.seal("Văn thư (demo)"), IMAGES.signer("bithu", "Nguyễn Văn An"))) {
            SignatureImageObjects.Prepared prepared =
                    SignatureImageObjects.of(png).prepared().orElseThrow();
            byte[] appearance = pageWith(prepared.standIn());
            byte[] filledIn;
            try (PDDocument doc = Loader.loadPDF(appearance)) {
                assertThat(SignatureImageObjects.fillIn(doc.getDocument(), prepared))
                        .isTrue();
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                doc.save(out);
                filledIn = out.toByteArray();
            }
            try (PDDocument expected = Loader.loadPDF(pageWith(png));
                    PDDocument actual = Loader.loadPDF(filledIn)) {
                PDImageXObject want = onlyImage(expected);
                PDImageXObject got = onlyImage(actual);
                assertThat(raw(got.getCOSObject())).isEqualTo(raw(want.getCOSObject()));
                COSStream wantMask = want.getCOSObject().getCOSStream(COSName.SMASK);
                COSStream gotMask = got.getCOSObject().getCOSStream(COSName.SMASK);
                assertThat(gotMask).isNotNull();
                assertThat(raw(gotMask)).isEqualTo(raw(wantMask));
                assertThat(got.getColorSpace().getName())
                        .isEqualTo(want.getColorSpace().getName());
                assertThat(pixels(got.getImage())).isEqualTo(pixels(want.getImage()));
                assertThat(pixels(got.getImage()))
                        .isNotEqualTo(
                                pixels(onlyImage(Loader.loadPDF(appearance)).getImage()));
            }
        }
    }

    @Test
    void anImageWithoutTransparencyOrInFullColourIsLeftToDss() throws Exception {
        BufferedImage full = new BufferedImage(40, 20, BufferedImage.TYPE_INT_ARGB);
        full.setRGB(3, 3, 0x80123456);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(full, "png", png);
        SignatureImageObjects.Facts fullColour = SignatureImageObjects.of(png.toByteArray());
        assertThat(fullColour.prepared()).isEmpty();
        assertThat(fullColour.colourSpace()).isEqualTo("DeviceRGB");

        BufferedImage opaque = new BufferedImage(40, 20, BufferedImage.TYPE_BYTE_INDEXED);
        ByteArrayOutputStream opaquePng = new ByteArrayOutputStream();
        ImageIO.write(opaque, "png", opaquePng);
        assertThat(SignatureImageObjects.of(opaquePng.toByteArray()).prepared()).isEmpty();

        // and one that is no image at all is refused with PDFBox's words, as DSS refused it
        assertThatThrownBy(() -> SignatureImageObjects.of("not a picture".getBytes()))
                .hasMessageContaining("not supported");
    }

    @Test
    void anAppearanceWithoutTheStandInIsLeftAsItIs() throws Exception {
        SignatureImageObjects.Prepared prepared = SignatureImageObjects.of(IMAGES.seal("Văn thư (demo)"))
                .prepared()
                .orElseThrow();
        try (PDDocument doc = Loader.loadPDF(pageWith(IMAGES.signer("bithu", "Nguyễn Văn An")))) {
            // an image of another size, with its own mask already
            assertThat(SignatureImageObjects.fillIn(doc.getDocument(), prepared))
                    .isFalse();
        }
        try (PDDocument empty = new PDDocument()) {
            empty.addPage(new PDPage());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            empty.save(out);
            try (PDDocument doc = Loader.loadPDF(out.toByteArray())) {
                assertThat(SignatureImageObjects.fillIn(doc.getDocument(), prepared))
                        .isFalse();
            }
        }
    }

    static byte[] pageWith(byte[] png) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            PDImageXObject image = PDImageXObject.createFromByteArray(doc, png, "image.png");
            try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
                content.drawImage(image, 10, 10, 100, 100);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        }
    }

    static PDImageXObject onlyImage(PDDocument doc) throws IOException {
        var resources = doc.getPage(0).getResources();
        var names = resources.getXObjectNames().iterator();
        PDImageXObject image = (PDImageXObject) resources.getXObject(names.next());
        assertThat(names.hasNext()).isFalse();
        return image;
    }

    static byte[] raw(COSStream stream) throws IOException {
        try (var in = stream.createRawInputStream()) {
            return in.readAllBytes();
        }
    }

    static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    static List<String> chunkTypes(byte[] png) {
        return SignatureImageObjects.chunks(png).stream()
                .map(SignatureImageObjects.Chunk::type)
                .toList();
    }
}
