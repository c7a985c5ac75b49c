package vn.vanthu.rendering;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * Liberation Serif (metric-compatible with Times New Roman, full Vietnamese coverage) as shipped in the
 * openpdf-fonts-extra jar under {@code liberation/}. The bytes are read once per JVM and shared, so
 * each document only parses and subsets them; other packages (e.g. a visible signature's text) may
 * reuse them.
 */
public final class LiberationSerif {

    /** The CSS font-family name under which the renderer registers the faces. */
    public static final String FAMILY = "Liberation Serif";

    public enum Face {
        REGULAR("LiberationSerif-Regular.ttf", 400, false),
        BOLD("LiberationSerif-Bold.ttf", 700, false),
        ITALIC("LiberationSerif-Italic.ttf", 400, true),
        BOLD_ITALIC("LiberationSerif-BoldItalic.ttf", 700, true);

        private final String file;
        private final int weight;
        private final boolean italic;

        Face(String file, int weight, boolean italic) {
            this.file = file;
            this.weight = weight;
            this.italic = italic;
        }

        public int weight() {
            return weight;
        }

        public boolean italic() {
            return italic;
        }

        /** Classpath resource, e.g. {@code liberation/LiberationSerif-Regular.ttf}. */
        public String resource() {
            return "liberation/" + file;
        }
    }

    private static final Map<Face, byte[]> BYTES = load();

    private LiberationSerif() {}

    /** The TrueType file's bytes; do not modify the array. */
    public static byte[] bytes(Face face) {
        return BYTES.get(face);
    }

    /**
     * Parsed faces, per thread: fontbox's TrueTypeFont is not thread-safe, but one thread renders or
     * signs one document at a time, and a parsed font read again (tables are read lazily and kept)
     * saves parsing the file for every document and every signature. PDType0Font.load with a
     * TrueTypeFont leaves it open when the document closes, so it can serve the next document.
     */
    private static final ThreadLocal<Map<Face, TrueTypeFont>> PARSED =
            ThreadLocal.withInitial(() -> new EnumMap<>(Face.class));

    /**
     * The face as a font of {@code doc}, to be embedded as a subset of the glyphs used. Glyph
     * substitution (GSUB) is switched off: PDFBox would otherwise rebuild regular expressions for every
     * string shown, which made up most of the rendering time, and Vietnamese needs none (text is
     * NFC-normalised to precomposed letters, which the font has). The font must be used on this
     * thread only, until {@code doc} is saved.
     */
    public static PDType0Font load(PDDocument doc, Face face) {
        try {
            return PDType0Font.load(doc, parsed(face), true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load font " + face.resource(), e);
        }
    }

    private static TrueTypeFont parsed(Face face) {
        return PARSED.get().computeIfAbsent(face, f -> {
            try {
                // the buffer wraps the cached bytes without copying them
                TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(BYTES.get(f)));
                ttf.setEnableGsub(false);
                return ttf;
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot parse font " + f.resource(), e);
            }
        });
    }

    private static Map<Face, byte[]> load() {
        Map<Face, byte[]> fonts = new EnumMap<>(Face.class);
        ClassLoader loader = LiberationSerif.class.getClassLoader();
        for (Face face : Face.values()) {
            try (InputStream in = loader.getResourceAsStream(face.resource())) {
                if (in == null) {
                    throw new IllegalStateException("Font " + face.resource()
                            + " not on the classpath (dependency com.github.librepdf:openpdf-fonts-extra)");
                }
                fonts.put(face, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read font " + face.resource(), e);
            }
        }
        return fonts;
    }
}
