package vn.vanthu.signing;

import eu.europa.esig.dss.alert.SilentOnStatusAlert;
import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.EncryptionAlgorithm;
import eu.europa.esig.dss.enumerations.ImageScaling;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.pades.PAdESSignatureParameters;
import eu.europa.esig.dss.pades.SignatureFieldParameters;
import eu.europa.esig.dss.pades.SignatureImageParameters;
import eu.europa.esig.dss.pades.signature.PAdESService;
import eu.europa.esig.dss.pdf.PdfPermissionsChecker;
import eu.europa.esig.dss.pdf.PdfSignatureFieldPositionChecker;
import eu.europa.esig.dss.pdf.pdfbox.PdfBoxNativeObjectFactory;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDAppearanceContentStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationFreeText;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceDictionary;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDField;
import org.apache.pdfbox.rendering.PDFRenderer;
import vn.vanthu.rendering.IssueFields;
import vn.vanthu.rendering.LiberationSerif;

/**
 * Test tools: forged versions of an issued (or leader-signed) PDF, made the way an attacker would,
 * for proving that the validation refuses them. Each returns the original bytes, unchanged, plus one
 * incremental update, so every earlier signature still verifies cryptographically; what must make
 * the validation refuse them is what the update changes.
 */
final class AttackPdfs {

    private static final float NUMBER_SIZE = 14;

    private AttackPdfs() {}

    /**
     * A new signature field whose widget covers the whole of page 1 and whose appearance is another
     * page (white, opaque: a title and {@code fakeText}), signed as a proper PAdES B-B signature
     * (ETSI.CAdES.detached) by {@code trustedKey}. A viewer draws the widget over the page, so the
     * reader sees the fake page, and every signature in the panel valid.
     *
     * @param fakeText the fake page's lines: the first is the title (bold, centred), the others the
     *                 body, wrapped; "\n" separates lines
     */
    static byte[] shadowSignature(byte[] pdf, SigningIdentity trustedKey, String fakeText) {
        PDRectangle box;
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            box = doc.getPage(0).getMediaBox();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PAdESSignatureParameters params = new PAdESSignatureParameters();
        params.setSignatureLevel(SignatureLevel.PAdES_BASELINE_B);
        params.setDigestAlgorithm(DigestAlgorithm.SHA256);
        params.setSigningCertificate(new CertificateToken(trustedKey.certificate()));
        params.setCertificateChain(
                trustedKey.chain().stream().map(CertificateToken::new).toList());
        // now minus a minute, as SigningTest signs: never after the validation's "now"
        params.bLevel().setSigningDate(Date.from(Instant.now().minusSeconds(60)));
        params.setReason(DocumentSigner.REASON_SIGN);
        params.setSignerName(trustedKey.displayName());
        SignatureImageParameters image = new SignatureImageParameters();
        image.setImage(new InMemoryDocument(fakePage(box, fakeText), "page.png"));
        image.setImageScaling(ImageScaling.STRETCH);
        image.setBackgroundColor(Color.WHITE);
        SignatureFieldParameters field = new SignatureFieldParameters();
        field.setPage(1);
        field.setOriginX(0);
        field.setOriginY(0); // DSS measures from the top-left corner
        field.setWidth(box.getWidth());
        field.setHeight(box.getHeight());
        image.setFieldParameters(field);
        params.setImageParameters(image);

        PAdESService service = new PAdESService(new CommonCertificateVerifier());
        PdfBoxNativeObjectFactory factory = new PdfBoxNativeObjectFactory();
        // an attacker ignores DSS's refusals: overlapping every field, and a seal's /Lock
        PdfSignatureFieldPositionChecker positions = new PdfSignatureFieldPositionChecker();
        positions.setAlertOnSignatureFieldOverlap(new SilentOnStatusAlert());
        positions.setAlertOnSignatureFieldOutsidePageDimensions(new SilentOnStatusAlert());
        factory.setPdfSignatureFieldPositionChecker(positions);
        PdfPermissionsChecker permissions = new PdfPermissionsChecker();
        permissions.setAlertOnForbiddenSignatureCreation(new SilentOnStatusAlert());
        factory.setPdfPermissionsChecker(permissions);
        service.setPdfObjFactory(factory);

        DSSDocument document = new InMemoryDocument(pdf, "issued.pdf");
        ToBeSigned toBeSigned = service.getDataToSign(document, params);
        SignatureAlgorithm algorithm = SignatureAlgorithm.getAlgorithm(
                EncryptionAlgorithm.forKey(trustedKey.certificate().getPublicKey()), DigestAlgorithm.SHA256);
        try {
            Signature jca = Signature.getInstance(algorithm.getJCEId());
            jca.initSign(trustedKey.privateKey());
            jca.update(toBeSigned.getBytes());
            DSSDocument signed = service.signDocument(document, params, new SignatureValue(algorithm, jca.sign()));
            try (InputStream in = signed.openStream()) {
                return appended(pdf, in.readAllBytes());
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign as " + trustedKey, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An unsigned update adding a /FreeText annotation on page 1 over the number line (the
     * {@code so_ky_hieu} field's rectangle), whose opaque appearance paints white over it and writes
     * "Số 99-GM/ĐUK". Only the page (its /Annots) and the new objects are written.
     */
    static byte[] overlayAnnotation(byte[] pdf) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDPage page = doc.getPage(0);
            PDRectangle over = numberRect(doc)
                    .orElseGet(() -> new PDRectangle(60, page.getMediaBox().getHeight() - 160, 200, 20));
            // a little larger than the field, so nothing of the line below shows at the edges
            PDRectangle rect = new PDRectangle(
                    over.getLowerLeftX() - 2, over.getLowerLeftY() - 2, over.getWidth() + 4, over.getHeight() + 4);
            String text = IssueFields.numberLine("99-GM/ĐUK");
            PDAnnotationFreeText note = new PDAnnotationFreeText();
            note.setRectangle(rect);
            note.setContents(text);
            note.setDefaultAppearance("/F1 " + NUMBER_SIZE + " Tf 0 g");
            note.setPrinted(true);
            note.setLocked(true);
            note.setPage(page);
            PDAppearanceDictionary appearance = new PDAppearanceDictionary();
            appearance.setNormalAppearance(numberAppearance(doc, rect, text, true));
            note.setAppearance(appearance);
            // onto the page's own /Annots array: page.setAnnotations would make a new array, and
            // PDFBox then writes every annotation in it again
            COSArray annots = page.getCOSObject().getCOSArray(COSName.ANNOTS);
            if (annots == null) {
                annots = new COSArray();
                page.getCOSObject().setItem(COSName.ANNOTS, annots);
            }
            annots.add(note);
            annots.setNeedToBeUpdated(true);
            page.getCOSObject().setNeedToBeUpdated(true);
            return save(doc, pdf, page.getCOSObject());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An unsigned update, as a form filler would write it, giving the {@code so_ky_hieu} field a new
     * /V and a new normal appearance showing it. The appearance carries its own font (Liberation
     * Serif, embedded, in the stream's own /Resources), not one from /AcroForm /DR. Only the field
     * dictionary (and its widget if separate) and the new objects are written.
     */
    static byte[] refillNumber(byte[] pdf, String numberLine) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            // getAcroForm(null): without PDFBox's default fix-up, which adds /Helv and /ZaDb to
            // /DR and so rewrites the form and its resources
            PDField field = doc.getDocumentCatalog().getAcroForm(null).getField(IssueFields.NUMBER_FIELD);
            if (field == null) {
                throw new IllegalArgumentException("no field " + IssueFields.NUMBER_FIELD);
            }
            field.getCOSObject().setString(COSName.V, numberLine);
            PDAnnotationWidget widget = field.getWidgets().get(0);
            PDAppearanceDictionary appearance = new PDAppearanceDictionary();
            appearance.setNormalAppearance(numberAppearance(doc, widget.getRectangle(), numberLine, false));
            widget.setAppearance(appearance);
            field.getCOSObject().setNeedToBeUpdated(true);
            widget.getCOSObject().setNeedToBeUpdated(true);
            return save(doc, pdf, field.getCOSObject(), widget.getCOSObject());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An unsigned update of the kind a B-LT extension makes, with something extra: the trailer's
     * /Info /Title changed, the catalog's XMP /Metadata stream added (or its content replaced) with
     * that title, and the /DSS dictionary touched (its /VRI replaced by a copy, or an empty one
     * added; a /DSS made if there is none).
     */
    static byte[] infoChange(byte[] pdf, String newTitle) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            Set<COSDictionary> write = new LinkedHashSet<>();
            PDDocumentCatalog catalog = doc.getDocumentCatalog();
            doc.getDocumentInformation().setTitle(newTitle);
            write.add(doc.getDocumentInformation().getCOSObject());
            byte[] xmp = xmp(newTitle);
            PDMetadata existing = catalog.getMetadata();
            if (existing != null) {
                existing.importXMPMetadata(xmp);
                existing.getCOSObject().setNeedToBeUpdated(true);
                write.add(existing.getCOSObject());
            } else {
                catalog.setMetadata(new PDMetadata(doc, new ByteArrayInputStream(xmp)));
                write.add(catalog.getCOSObject());
            }
            COSName dssName = COSName.getPDFName("DSS");
            COSName vriName = COSName.getPDFName("VRI");
            COSDictionary dss = catalog.getCOSObject().getCOSDictionary(dssName);
            if (dss == null) {
                dss = new COSDictionary();
                dss.setItem(vriName, new COSDictionary());
                catalog.getCOSObject().setItem(dssName, dss);
                write.add(catalog.getCOSObject());
            } else {
                COSDictionary copy = new COSDictionary();
                COSDictionary vri = dss.getCOSDictionary(vriName);
                if (vri != null) {
                    copy.addAll(vri);
                }
                dss.setItem(vriName, copy);
                dss.setNeedToBeUpdated(true);
                // a direct /DSS is written with the catalog, an indirect one on its own
                write.add(catalog.getCOSObject().getItem(dssName) instanceof COSObject ? dss : catalog.getCOSObject());
            }
            return save(doc, pdf, write.toArray(COSDictionary[]::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bytes up to the end of the first signature's ByteRange: the leader's revision as cut from a public PDF. */
    static byte[] leaderOnlyRevision(byte[] pdf) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            long first = Long.MAX_VALUE;
            for (PDSignature signature : doc.getSignatureDictionaries()) {
                int[] br = signature.getByteRange();
                if (br != null && br.length == 4) {
                    first = Math.min(first, (long) br[2] + br[3]);
                }
            }
            if (first == Long.MAX_VALUE || first > pdf.length) {
                throw new IllegalArgumentException("no signature with a usable ByteRange");
            }
            return Arrays.copyOf(pdf, (int) first);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- helpers

    /**
     * The number field's (first) widget rectangle, read from the dictionaries: PDFBox's
     * PDAnnotationWidget sets /Subtype on the dictionary it wraps, which would put the field in the update.
     */
    private static java.util.Optional<PDRectangle> numberRect(PDDocument doc) {
        PDAcroForm form = doc.getDocumentCatalog().getAcroForm(null); // no fix-up: it would change /DR
        PDField field = form == null ? null : form.getField(IssueFields.NUMBER_FIELD);
        if (field == null) {
            return java.util.Optional.empty();
        }
        COSDictionary widget = field.getCOSObject();
        COSArray kids = widget.getCOSArray(COSName.KIDS);
        if (kids != null && kids.size() > 0 && kids.getObject(0) instanceof COSDictionary kid) {
            widget = kid;
        }
        COSArray rect = widget.getCOSArray(COSName.RECT);
        return rect == null ? java.util.Optional.empty() : java.util.Optional.of(new PDRectangle(rect));
    }

    /**
     * An appearance stream the size of {@code rect} showing {@code text} centred in 14 pt Liberation
     * Serif, the font embedded (a subset) in the stream's own resources; {@code opaque}: on white.
     */
    private static PDAppearanceStream numberAppearance(PDDocument doc, PDRectangle rect, String text, boolean opaque)
            throws IOException {
        PDType0Font font = PDType0Font.load(
                doc, new ByteArrayInputStream(LiberationSerif.bytes(LiberationSerif.Face.REGULAR)), true);
        PDAppearanceStream stream = new PDAppearanceStream(new COSStream());
        stream.setBBox(new PDRectangle(rect.getWidth(), rect.getHeight()));
        stream.setResources(new PDResources());
        try (PDAppearanceContentStream cs = new PDAppearanceContentStream(stream)) {
            if (opaque) {
                cs.setNonStrokingColor(1f);
                cs.addRect(0, 0, rect.getWidth(), rect.getHeight());
                cs.fill();
            } else {
                cs.beginMarkedContent(COSName.TX);
            }
            float width = font.getStringWidth(text) / 1000 * NUMBER_SIZE;
            float size = width > rect.getWidth() ? NUMBER_SIZE * rect.getWidth() / width : NUMBER_SIZE;
            cs.beginText();
            cs.setFont(font, size);
            cs.setNonStrokingColor(0f);
            cs.newLineAtOffset(
                    Math.max(0, (rect.getWidth() - width * size / NUMBER_SIZE) / 2),
                    Math.max(1, (rect.getHeight() - size) / 2 + size * 0.216f));
            cs.showText(text);
            cs.endText();
            if (!opaque) {
                cs.endMarkedContent();
            }
        }
        // an incremental save does not subset the fonts (only a full save does): subset it now
        font.subset();
        return stream;
    }

    private static byte[] xmp(String title) {
        String escaped = title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        String xml = "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                + "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                + " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                + "  <rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
                + "   <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" + escaped + "</rdf:li></rdf:Alt></dc:title>\n"
                + "  </rdf:Description>\n"
                + " </rdf:RDF>\n"
                + "</x:xmpmeta>\n"
                + "<?xpacket end=\"w\"?>";
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    /** The incremental update, with {@code mustWrite} in it (besides what PDFBox sees changed). */
    private static byte[] save(PDDocument doc, byte[] original, COSDictionary... mustWrite) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(original.length + 65_536);
        doc.saveIncremental(out, new LinkedHashSet<>(Arrays.asList(mustWrite)));
        return appended(original, out.toByteArray());
    }

    /** Checks that {@code result} is {@code original} plus something: an update, not a rewrite. */
    private static byte[] appended(byte[] original, byte[] result) {
        if (result.length <= original.length
                || !Arrays.equals(original, 0, original.length, result, 0, original.length)) {
            throw new IllegalStateException("the result is not the original plus an incremental update");
        }
        return result;
    }

    /** The fake page as a PNG at 150 dpi: drawn with PDFBox in Liberation Serif, then rendered. */
    private static byte[] fakePage(PDRectangle box, String fakeText) {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(new PDRectangle(box.getWidth(), box.getHeight()));
            doc.addPage(page);
            PDFont regular = LiberationSerif.load(doc, LiberationSerif.Face.REGULAR);
            PDFont bold = LiberationSerif.load(doc, LiberationSerif.Face.BOLD);
            float mm = 72f / 25.4f;
            float left = 30 * mm;
            float right = box.getWidth() - 15 * mm;
            float y = box.getHeight() - 20 * mm;
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.setNonStrokingColor(Color.WHITE);
                cs.addRect(0, 0, box.getWidth(), box.getHeight());
                cs.fill();
                cs.setNonStrokingColor(Color.BLACK);
                // a header like the real one's, so the page passes a glance
                text(cs, bold, 13, left, y, "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH");
                text(cs, bold, 13, right - width(bold, 13, "ĐẢNG CỘNG SẢN VIỆT NAM"), y, "ĐẢNG CỘNG SẢN VIỆT NAM");
                y -= 18;
                text(cs, regular, 14, left + 40, y, "*");
                y -= 60;
                String[] lines = fakeText.split("\n");
                String title = lines[0];
                text(cs, bold, 15, (left + right - width(bold, 15, title)) / 2, y, title);
                y -= 30;
                for (int i = 1; i < lines.length; i++) {
                    for (String line : wrap(regular, 14, lines[i], right - left)) {
                        text(cs, regular, 14, left, y, line);
                        y -= 14 * 1.4f;
                    }
                    y -= 6;
                }
            }
            ByteArrayOutputStream pdf = new ByteArrayOutputStream();
            doc.save(pdf);
            try (PDDocument saved = Loader.loadPDF(pdf.toByteArray())) {
                BufferedImage image = new PDFRenderer(saved).renderImageWithDPI(0, 150);
                ByteArrayOutputStream png = new ByteArrayOutputStream();
                ImageIO.write(image, "png", png);
                return png.toByteArray();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void text(PDPageContentStream cs, PDFont font, float size, float x, float y, String text)
            throws IOException {
        cs.beginText();
        cs.setFont(font, size);
        cs.newLineAtOffset(x, y);
        cs.showText(text);
        cs.endText();
    }

    private static float width(PDFont font, float size, String text) throws IOException {
        return font.getStringWidth(text) / 1000 * size;
    }

    private static List<String> wrap(PDFont font, float size, String text, float max) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (!line.isEmpty() && width(font, size, candidate) > max) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(candidate);
            }
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }
}
