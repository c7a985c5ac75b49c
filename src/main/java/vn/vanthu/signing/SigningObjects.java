package vn.vanthu.signing;

import eu.europa.esig.dss.enumerations.MimeTypeEnum;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.pades.DSSFileFont;
import eu.europa.esig.dss.pades.PAdESCommonParameters;
import eu.europa.esig.dss.pades.SignatureImageParameters;
import eu.europa.esig.dss.pades.SignatureImageTextParameters;
import eu.europa.esig.dss.pdf.PDFServiceMode;
import eu.europa.esig.dss.pdf.PDFSignatureService;
import eu.europa.esig.dss.pdf.pdfbox.PdfBoxNativeObjectFactory;
import eu.europa.esig.dss.pdf.pdfbox.PdfBoxSignatureService;
import eu.europa.esig.dss.pdf.pdfbox.visible.PdfBoxNativeFont;
import eu.europa.esig.dss.pdf.pdfbox.visible.PdfBoxSignatureDrawer;
import eu.europa.esig.dss.pdf.pdfbox.visible.nativedrawer.NativePdfBoxVisibleSignatureDrawer;
import eu.europa.esig.dss.pdf.pdfbox.visible.nativedrawer.PdfBoxNativeSignatureDrawerFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDField;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import vn.vanthu.rendering.LiberationSerif;

/**
 * DSS's PDFBox services as {@link DocumentSigner} uses them, adjusted in two places. The signature: a
 * {@link FillIn} applied to the document just before DSS adds the signature, so both are saved in one
 * incremental update (DSS keeps the hook, {@code createSignatureDictionary}, protected for this kind of
 * use: its PR #138). The document timestamp (B-LTA): without the empty appearance PDFBox gives an
 * invisible signature field, which a strict validator (pyHanko) counts as a change to a field the
 * seal's lock closes. Text is drawn as PDF text with the embedded font (the native factory; DSS's
 * default draws an image of it).
 */
final class SigningObjects {

    /** What goes into the signature's own incremental update besides the signature (the office's fill-in). */
    @FunctionalInterface
    interface FillIn {
        void apply(PDDocument doc) throws IOException;
    }

    private SigningObjects() {}

    static PdfBoxNativeObjectFactory factory(FillIn fillIn) {
        return new PdfBoxNativeObjectFactory() {
            @Override
            public PDFSignatureService newPAdESSignatureService() {
                if (fillIn == null) {
                    return configure(new PdfBoxSignatureService(PDFServiceMode.SIGNATURE, DRAWERS));
                }
                return configure(new PdfBoxSignatureService(PDFServiceMode.SIGNATURE, DRAWERS) {
                    @Override
                    protected PDSignature createSignatureDictionary(
                            PDDocument pdDocument, PAdESCommonParameters parameters) {
                        try {
                            fillIn.apply(pdDocument);
                        } catch (IOException e) {
                            throw new UncheckedIOException("Cannot fill in the number and date", e);
                        }
                        return super.createSignatureDictionary(pdDocument, parameters);
                    }
                });
            }

            @Override
            public PDFSignatureService newArchiveTimestampService() {
                return configure(new PdfBoxSignatureService(PDFServiceMode.ARCHIVE_TIMESTAMP, DRAWERS) {
                    @Override
                    public void saveDocumentIncrementally(PDDocument pdDocument, OutputStream outputStream) {
                        withoutAppearanceOnNewTimestampFields(pdDocument);
                        super.saveDocumentIncrementally(pdDocument, outputStream);
                    }
                });
            }
        };
    }

    /**
     * DSS's drawer, except for what depends on the image alone, which {@link SignatureImageObjects}
     * learns once per image: the colour space DSS asks of it before drawing (DSS decodes the image and
     * encodes it again into a scratch image object to learn it, a fifth of a signature's CPU, in each
     * of the two passes of every signature) and the image object itself; and the seal's caption font.
     */
    static final PdfBoxNativeSignatureDrawerFactory DRAWERS = new PdfBoxNativeSignatureDrawerFactory() {
        @Override
        public PdfBoxSignatureDrawer getSignatureDrawer(SignatureImageParameters imageParameters) {
            return new NativePdfBoxVisibleSignatureDrawer() {
                @Override
                public void init(SignatureImageParameters parameters, PDDocument document, SignatureOptions options)
                        throws IOException {
                    SignatureImageTextParameters text = parameters.getTextParameters();
                    if (text == null || !(text.getFont() instanceof CaptionFont caption)) {
                        super.init(parameters, document, options);
                        return;
                    }
                    // DSS would parse the font file anew and shape every line with PDFBox's GSUB
                    PdfBoxNativeFont loaded = new PdfBoxNativeFont(LiberationSerif.load(document, caption.face));
                    loaded.setSize(caption.getSize());
                    text.setFont(loaded);
                    try {
                        super.init(parameters, document, options);
                    } finally {
                        text.setFont(caption); // each pass has a document of its own
                    }
                }

                @Override
                public void draw() throws IOException {
                    DSSDocument image = parameters.getImage();
                    if (image == null) {
                        super.draw();
                        return;
                    }
                    var prepared = facts(image).prepared();
                    if (prepared.isEmpty()) {
                        super.draw();
                        return;
                    }
                    parameters.setImage(
                            new InMemoryDocument(prepared.get().standIn(), image.getName(), MimeTypeEnum.PNG));
                    try {
                        super.draw();
                    } finally {
                        parameters.setImage(image);
                    }
                    if (!SignatureImageObjects.fillIn(signatureOptions.getVisualSignature(), prepared.get())) {
                        super.draw(); // an appearance not as expected: drawn again, the usual way
                    }
                }

                @Override
                protected String getExpectedColorSpaceName() throws IOException {
                    DSSDocument image = parameters.getImage();
                    return image == null
                            ? super.getExpectedColorSpaceName()
                            : facts(image).colourSpace();
                }
            };
        }
    };

    /**
     * A signature's text in a face of {@link LiberationSerif}, which the drawer takes as that class
     * loads it: parsed once per thread, glyph substitution off (the text is NFC, the font has every
     * precomposed Vietnamese letter), a subset embedded. Named, so DSS does not hash the file for a name.
     */
    static final class CaptionFont extends DSSFileFont {
        final LiberationSerif.Face face;

        CaptionFont(LiberationSerif.Face face, float size) {
            super(new InMemoryDocument(LiberationSerif.bytes(face), face.resource()), size);
            this.face = face;
            setEmbedFontSubset(true);
        }
    }

    private static SignatureImageObjects.Facts facts(DSSDocument image) throws IOException {
        try (var in = image.openStream()) {
            return SignatureImageObjects.of(in.readAllBytes());
        }
    }

    /** The document timestamp field this update adds (an object without a number yet) keeps no /AP. */
    static void withoutAppearanceOnNewTimestampFields(PDDocument doc) {
        PDAcroForm form = doc.getDocumentCatalog().getAcroForm(null);
        if (form == null) {
            return;
        }
        for (PDField field : form.getFields()) {
            boolean isNew = field.getCOSObject().getKey() == null;
            if (isNew
                    && field instanceof PDSignatureField signature
                    && signature.getSignature() != null
                    && COSName.DOC_TIME_STAMP.equals(
                            signature.getSignature().getCOSObject().getCOSName(COSName.TYPE))) {
                field.getCOSObject().removeItem(COSName.AP);
            }
        }
    }
}
