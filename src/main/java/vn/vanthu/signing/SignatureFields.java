package vn.vanthu.signing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDField;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import vn.vanthu.rendering.RenderedPdf;

/**
 * The two empty signature fields the text carries when the leader signs it: the leader's, and the
 * organisation's seal with a field lock ({@code /Lock}: all fields, {@code /P 1}).
 *
 * <p>Why before the leader's signature: under a certification signature a strict validator (pyHanko)
 * refuses a <em>new</em> visible signature field, but permits signing one that already exists; and the
 * lock in the seal's field is what closes the file once the seal is applied (after it, only validation
 * data and document timestamps). The seal's widget lies over the left third of the leader's, as
 * Phụ lục I draws them; {@link PadesValidation} allows that one overlap by the two fields' names.
 */
final class SignatureFields {

    /** The leader's signature field. */
    public static final String LEADER = "chu_ky_nguoi_ky";
    /** The organisation's seal field, locked once signed. */
    public static final String SEAL = "dau_co_quan";

    private static final COSName LOCK = COSName.getPDFName("Lock");
    private static final COSName SIG_FIELD_LOCK = COSName.getPDFName("SigFieldLock");
    private static final COSName ACTION = COSName.getPDFName("Action");
    private static final COSName ALL = COSName.getPDFName("All");

    private SignatureFields() {}

    /**
     * The PDF with both empty signature fields, saved whole (nothing is signed yet). The same input
     * gives the same bytes: the two-phase signature prepares it twice and must get one data-to-sign.
     * A PDF that has them already is returned as it is.
     */
    static byte[] prepare(byte[] pdf, RenderedPdf.Area leader, RenderedPdf.Area seal) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDAcroForm form = doc.getDocumentCatalog().getAcroForm();
            if (form == null) {
                form = new PDAcroForm(doc);
                doc.getDocumentCatalog().setAcroForm(form);
            }
            if (form.getField(LEADER) != null || form.getField(SEAL) != null) {
                return pdf;
            }
            // viewers draw what the appearances say, which is what is signed (no /NeedAppearances)
            form.getCOSObject().removeItem(COSName.NEED_APPEARANCES);
            add(doc, form, LEADER, leader);
            PDSignatureField sealField = add(doc, form, SEAL, seal);
            COSDictionary lock = new COSDictionary();
            lock.setItem(COSName.TYPE, SIG_FIELD_LOCK);
            lock.setItem(ACTION, ALL);
            lock.setInt(COSName.P, 1); // PDF 2.0: after this signature only validation data and timestamps
            sealField.getCOSObject().setItem(LOCK, lock);
            ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length + 4096);
            // a full save keeps the document's /ID: the same bytes every time
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot add the signature fields", e);
        }
    }

    private static PDSignatureField add(PDDocument doc, PDAcroForm form, String name, RenderedPdf.Area area)
            throws IOException {
        PDSignatureField field = new PDSignatureField(form);
        field.setPartialName(name);
        PDAnnotationWidget widget = field.getWidgets().get(0);
        PDRectangle rect = new PDRectangle(area.x(), area.y(), area.width(), area.height());
        widget.setRectangle(rect);
        PDPage page = doc.getPage(area.page());
        widget.setPage(page);
        widget.setPrinted(true);
        // no appearance until signed: the signature adds its own, which a validator (DSS) sees as the
        // signing of the field; a blank one replaced would read as an unexplained change of an XObject
        page.getAnnotations().add(widget);
        form.getFields().add(field);
        return field;
    }

    /** Whether the PDF has an empty seal field to sign (documents signed before it existed do not). */
    static boolean hasOpenSeal(byte[] pdf) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDAcroForm form = doc.getDocumentCatalog().getAcroForm();
            PDField field = form == null ? null : form.getField(SEAL);
            return field instanceof PDSignatureField seal && seal.getSignature() == null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
