package vn.vanthu.signing;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.ImageIO;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import vn.vanthu.config.OrganisationProperties;
import vn.vanthu.rendering.LiberationSerif;

/**
 * The images of Phụ lục I (Nghị định 30/2020): each leader's signature image (blue PNG, transparent
 * background) and the organisation's seal image (red PNG, transparent, real size). Configured files
 * in {@code vanthu.signing.images.folder} ({@code {userId}.png}, {@code seal.png}); where a file is
 * missing, a generated demo image: the leader's name in blue script, and a plain red ring with the
 * organisation's name and "MẪU" (specimen) — never a copy of a real seal.
 */
@Component
@EnableConfigurationProperties(SignatureImages.Settings.class)
public class SignatureImages {

    /** {@code vanthu.signing.images.*}: the folder of configured PNGs and the seal's real diameter. */
    @ConfigurationProperties("vanthu.signing.images")
    public record Settings(String folder, Float sealSizeMm) {
        public Settings {
            sealSizeMm = sealSizeMm == null ? 35f : sealSizeMm;
            if (sealSizeMm < 20 || sealSizeMm > 45) {
                throw new IllegalArgumentException(
                        "vanthu.signing.images.seal-size-mm must be 20–45 mm: " + sealSizeMm);
            }
        }
    }

    static final Color SIGNATURE_BLUE = new Color(0, 51, 160);
    static final Color SEAL_RED = new Color(210, 0, 0);
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private final Settings settings;
    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();
    /** Configured files as read → as handed to the signature ({@link #pdfReady}). */
    private final Map<ByteBuffer, byte[]> converted = new ConcurrentHashMap<>();

    public SignatureImages(Settings settings) {
        this.settings = settings == null ? new Settings(null, null) : settings;
    }

    public float sealSizeMm() {
        return settings.sealSizeMm();
    }

    /** The leader's signature image: {@code {folder}/{userId}.png}, else the name in blue script. */
    public byte[] signer(String userId, String fullName) {
        return configured(userId.toLowerCase(Locale.ROOT) + ".png")
                .orElseGet(
                        () -> cache.computeIfAbsent("signer:" + userId + ":" + fullName, k -> demoSignature(fullName)));
    }

    /** The seal image: {@code {folder}/seal.png}, else a demo ring. */
    public byte[] seal(String organisationName) {
        return configured("seal.png")
                .orElseGet(() -> cache.computeIfAbsent("seal:" + organisationName, k -> demoSeal(organisationName)));
    }

    private java.util.Optional<byte[]> configured(String name) {
        if (settings.folder() == null || settings.folder().isBlank()) {
            return java.util.Optional.empty();
        }
        Path file = Path.of(settings.folder()).resolve(name);
        try {
            if (!Files.exists(file)) {
                return java.util.Optional.empty();
            }
            byte[] bytes = Files.readAllBytes(file);
            if (converted.size() > 256) {
                converted.clear(); // a few images per office; never a leak however often files change
            }
            return java.util.Optional.of(converted.computeIfAbsent(ByteBuffer.wrap(bytes), b -> pdfReady(bytes)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the signature image " + file, e);
        }
    }

    /**
     * The image as a palette PNG (colour type 3, transparency in tRNS) where it has at most 256
     * colours, as an ink-on-paper image has: PDFBox embeds such a PNG's data as it is, while for any
     * other PNG it decodes the pixels and compresses them again with its own predictor — twice per
     * signature, since DSS draws the appearance once for the digest and once for the signed file (a
     * third of a signature's CPU). Other images (a colour photo of a seal) are kept as they are.
     */
    static byte[] pdfReady(byte[] png) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            if (image == null) {
                return png; // not an image ImageIO reads: DSS will say so
            }
            byte[] indexed = indexed(image);
            return indexed == null ? png : indexed;
        } catch (IOException e) {
            return png;
        }
    }

    /** The image in a palette of its own colours, or null when it has more than 256. */
    static byte[] indexed(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        Map<Integer, Integer> palette = new java.util.LinkedHashMap<>();
        for (int pixel : argb) {
            int colour = (pixel >>> 24) == 0 ? 0 : pixel; // every fully transparent pixel is one colour
            if (!palette.containsKey(colour)) {
                if (palette.size() == 256) {
                    return null;
                }
                palette.put(colour, palette.size());
            }
        }
        int n = palette.size();
        byte[] r = new byte[n];
        byte[] g = new byte[n];
        byte[] b = new byte[n];
        byte[] a = new byte[n];
        for (var entry : palette.entrySet()) {
            int c = entry.getKey();
            int i = entry.getValue();
            a[i] = (byte) (c >>> 24);
            r[i] = (byte) (c >>> 16);
            g[i] = (byte) (c >>> 8);
            b[i] = (byte) c;
        }
        java.awt.image.IndexColorModel model = new java.awt.image.IndexColorModel(8, n, r, g, b, a);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_INDEXED, model);
        byte[] pixels = ((java.awt.image.DataBufferByte) out.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < argb.length; i++) {
            int colour = (argb[i] >>> 24) == 0 ? 0 : argb[i];
            pixels[i] = (byte) (int) palette.get(colour);
        }
        return writePng(out);
    }

    /** An ink-on-paper image: every pixel the ink's colour, only its coverage (alpha) kept from the drawing. */
    private static BufferedImage inked(BufferedImage image, Color ink) {
        int rgb = ink.getRGB() & 0xFFFFFF;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int alpha = image.getRGB(x, y) >>> 24;
                image.setRGB(x, y, alpha == 0 ? 0 : (alpha << 24) | rgb);
            }
        }
        return image;
    }

    /** The largest {width, height} with the image's proportions inside the box. */
    static float[] fit(byte[] png, float maxWidth, float maxHeight) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            if (image == null) {
                throw new IllegalArgumentException("Not a PNG image");
            }
            float scale = Math.min(maxWidth / image.getWidth(), maxHeight / image.getHeight());
            return new float[] {image.getWidth() * scale, image.getHeight() * scale};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "2026-11-28T10:15:02+07:00": the seal's time, ISO 8601 in Vietnam time (Phụ lục I). */
    static String iso8601(Instant time) {
        return ISO.format(time.atZone(OrganisationProperties.VIETNAM).withNano(0));
    }

    /** The text broken at spaces into lines no wider than {@code maxWidth} points at {@code size}. */
    static String wrap(String text, float maxWidth, float size) {
        Font font = font(LiberationSerif.Face.REGULAR, size);
        FontRenderContext frc = new FontRenderContext(null, true, true);
        List<String> lines = new ArrayList<>();
        // a configured break ("\n", between word groups) is kept; width breaks only inside a group too long
        for (String group : text.strip().split("\\R")) {
            if (group.isBlank()) {
                continue;
            }
            StringBuilder line = new StringBuilder();
            for (String word : group.strip().split("\\s+")) {
                String candidate = line.isEmpty() ? word : line + " " + word;
                if (!line.isEmpty() && font.getStringBounds(candidate, frc).getWidth() > maxWidth) {
                    lines.add(line.toString());
                    line = new StringBuilder(word);
                } else {
                    line = new StringBuilder(candidate);
                }
            }
            lines.add(line.toString());
        }
        return String.join("\n", lines);
    }

    static byte[] demoSignature(String fullName) {
        int w = 750;
        int h = 300;
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            antialias(g);
            g.setColor(SIGNATURE_BLUE);
            // a leader signs with the given name, the last word: "Nguyễn Văn An" → "An"
            String[] words = fullName == null || fullName.isBlank()
                    ? new String[] {"Ký"}
                    : fullName.strip().split("\\s+");
            String given = words[words.length - 1];
            Font font = font(LiberationSerif.Face.BOLD_ITALIC, 150);
            g.setFont(font);
            int textWidth = g.getFontMetrics().stringWidth(given);
            g.drawString(given, Math.max(20, (w - textWidth) / 2 - 40), 190);
            // a flourish under the name
            g.setStroke(new BasicStroke(9, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            Path2D flourish = new Path2D.Float();
            flourish.moveTo(70, 235);
            flourish.curveTo(250, 200, 450, 290, 690, 205);
            flourish.moveTo(610, 60);
            flourish.curveTo(560, 160, 520, 230, 470, 270);
            g.draw(flourish);
        } finally {
            g.dispose();
        }
        return png(inked(scaled(image, 450, 180), SIGNATURE_BLUE));
    }

    static byte[] demoSeal(String organisationName) {
        // drawn at 800 px and kept at 400 (about 290 dpi at 35 mm): sharp in print, small in every email
        int size = 800;
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            antialias(g);
            g.setColor(SEAL_RED);
            g.setStroke(new BasicStroke(22));
            g.draw(new Ellipse2D.Float(14, 14, size - 28, size - 28));
            g.setStroke(new BasicStroke(7));
            g.draw(new Ellipse2D.Float(150, 150, size - 300, size - 300));
            // the name around the top of the ring, letter by letter
            String name = (organisationName == null || organisationName.isBlank() ? "VĂN THƯ" : organisationName)
                    .toUpperCase(Locale.forLanguageTag("vi"));
            Font font = font(LiberationSerif.Face.BOLD, 62);
            FontRenderContext frc = g.getFontRenderContext();
            double radius = size / 2.0 - 100;
            double total = font.getStringBounds(name, frc).getWidth();
            double sweep = Math.min(Math.toRadians(300), total / radius * 1.08);
            double angle = -Math.PI / 2 - sweep / 2;
            for (int i = 0; i < name.length(); i++) {
                String ch = name.substring(i, i + 1);
                double advance = font.getStringBounds(ch, frc).getWidth() * sweep / (total / radius) / radius;
                double mid = angle + advance / 2;
                AffineTransform at = new AffineTransform();
                at.translate(size / 2.0 + radius * Math.cos(mid), size / 2.0 + radius * Math.sin(mid));
                at.rotate(mid + Math.PI / 2);
                GlyphVector glyph = font.createGlyphVector(frc, ch);
                double w = glyph.getLogicalBounds().getWidth();
                at.translate(-w / 2, 20);
                g.fill(at.createTransformedShape(glyph.getOutline()));
                angle += advance;
            }
            // the middle says plainly that this is a specimen
            Font middle = font(LiberationSerif.Face.BOLD, 110);
            g.setFont(middle);
            int mw = g.getFontMetrics().stringWidth("MẪU");
            g.drawString("MẪU", (size - mw) / 2, size / 2 + 40);
        } finally {
            g.dispose();
        }
        return png(inked(scaled(image, 400, 400), SEAL_RED));
    }

    private static void antialias(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
    }

    /** Each face parsed once: wrap() measures the seal's text for every issued document. */
    private static final Map<LiberationSerif.Face, Font> FACES = new ConcurrentHashMap<>();

    private static Font font(LiberationSerif.Face face, float size) {
        return FACES.computeIfAbsent(face, f -> {
                    try {
                        return Font.createFont(Font.TRUETYPE_FONT, new ByteArrayInputStream(LiberationSerif.bytes(f)));
                    } catch (FontFormatException | IOException e) {
                        throw new IllegalStateException("Cannot load " + f, e);
                    }
                })
                .deriveFont(size); // a java.awt.Font is immutable: shared across threads
    }

    private static BufferedImage scaled(BufferedImage image, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(image, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static byte[] png(BufferedImage image) {
        byte[] indexed = indexed(image);
        return indexed != null ? indexed : writePng(image);
    }

    private static byte[] writePng(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
