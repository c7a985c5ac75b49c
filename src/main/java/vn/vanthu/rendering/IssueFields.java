package vn.vanthu.rendering;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDAppearanceContentStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceDictionary;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDTextField;

/**
 * The number and the issue date as form fields. Nghị định 30/2020 (Điều 15–16, Phụ lục I): the leader
 * signs the final text with number and date still blank; the office then fills them in through the
 * system and applies the organisation's signature. Filling in form fields is the change a
 * certification signature with DocMDP P=2 permits, so the leader's signature stays valid.
 *
 * <p>The fonts the fields need are embedded, as subsets, when the blank document is rendered (a
 * subset is written at a full save; an incremental update could not subset a new font), so filling
 * in only adds the values and their appearance streams.
 */
public final class IssueFields {

    public static final String NUMBER_FIELD = "so_ky_hieu";
    public static final String DATE_FIELD = "ngay_ban_hanh";
    private static final COSName REGULAR = COSName.getPDFName("LSR");
    private static final COSName ITALIC = COSName.getPDFName("LSI");
    private static final float SIZE = 14;

    private IssueFields() {}

    /** "Số 117-GM/ĐUK": Party style, a hyphen after the number and no colon after "Số". */
    public static String numberLine(String number) {
        return "Số " + number;
    }

    /** Adds the two blank, read-only fields over the laid-out number and date lines (full save). */
    static byte[] add(
            byte[] pdf, RenderedPdf.Area number, RenderedPdf.Area date, String numberChars, String dateChars) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDType0Font regular = LiberationSerif.load(doc, LiberationSerif.Face.REGULAR);
            PDType0Font italic = LiberationSerif.load(doc, LiberationSerif.Face.ITALIC);
            // the subsets must hold every glyph a value may need: digits, the symbol, the date line's words
            (numberChars + "0123456789").codePoints().forEach(regular::addToSubset);
            (dateChars + "0123456789 ,ngàythángnăm").codePoints().forEach(italic::addToSubset);
            PDAcroForm form = new PDAcroForm(doc);
            doc.getDocumentCatalog().setAcroForm(form);
            PDResources resources = new PDResources();
            resources.put(REGULAR, regular);
            resources.put(ITALIC, italic);
            form.setDefaultResources(resources);
            // viewers draw the appearances written here, which are what is signed: no /NeedAppearances
            form.getCOSObject().removeItem(COSName.NEED_APPEARANCES);
            field(doc, form, NUMBER_FIELD, number, REGULAR);
            field(doc, form, DATE_FIELD, date, ITALIC);
            // PDFBox subsets at save only the fonts a content stream used; these only the fields will use
            regular.subset();
            italic.subset();
            ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length + 65_536);
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot add the number and date fields", e);
        }
    }

    private static void field(PDDocument doc, PDAcroForm form, String name, RenderedPdf.Area area, COSName font)
            throws IOException {
        PDTextField field = new PDTextField(form);
        field.setPartialName(name);
        field.setDefaultAppearance("/" + font.getName() + " " + SIZE + " Tf 0 g");
        field.setQ(PDTextField.QUADDING_CENTERED);
        // no one types into it: the system fills it in at issue
        field.setReadOnly(true);
        PDAnnotationWidget widget = field.getWidgets().get(0);
        widget.setRectangle(new PDRectangle(area.x(), area.y(), area.width(), area.height()));
        PDPage page = doc.getPage(area.page());
        widget.setPage(page);
        widget.setPrinted(true);
        page.getAnnotations().add(widget);
        form.getFields().add(field);
        appearance(widget, null, null); // an empty appearance: blank until filled in
    }

    /**
     * Writes the number and date line into the signed PDF as an incremental update that changes
     * only the two fields (their value and appearance), which the leader's DocMDP P=2 permits. The
     * office's own issuing does this inside the seal's revision ({@link #fillIn}); this standalone
     * form is for a file that is not sealed at once.
     */
    public static byte[] fill(byte[] signedPdf, String numberLine, String dateLine) {
        try (PDDocument doc = Loader.loadPDF(signedPdf)) {
            Set<COSDictionary> fields = fillIn(doc, numberLine, dateLine);
            ByteArrayOutputStream out = new ByteArrayOutputStream(signedPdf.length + 65_536);
            doc.saveIncremental(out, fields);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot fill in the number and date", e);
        }
    }

    /**
     * Sets the two fields' values and new appearances in an open document, to be saved as an
     * incremental update; answers the field dictionaries, the only objects of the signed text that
     * change. Each appearance carries its own resources with a font subset of its own: the fonts the
     * signed text holds are left untouched, since a strict validator (pyHanko) counts any rewrite of
     * them as more than filling in a form. The same values give the same bytes.
     */
    public static Set<COSDictionary> fillIn(PDDocument doc, String numberLine, String dateLine) throws IOException {
        PDAcroForm form = doc.getDocumentCatalog().getAcroForm();
        if (form == null
                || !(form.getField(NUMBER_FIELD) instanceof PDTextField number)
                || !(form.getField(DATE_FIELD) instanceof PDTextField date)) {
            throw new IllegalArgumentException("The signed document has no number and date fields");
        }
        fillField(doc, number, numberLine, LiberationSerif.Face.REGULAR);
        fillField(doc, date, dateLine, LiberationSerif.Face.ITALIC);
        return Set.of(number.getCOSObject(), date.getCOSObject());
    }

    private static void fillField(PDDocument doc, PDTextField field, String value, LiberationSerif.Face face)
            throws IOException {
        // the value is set on the dictionary directly: setValue would rebuild the appearance itself
        field.getCOSObject().setString(COSName.V, value);
        PDType0Font font = LiberationSerif.load(doc, face);
        List<PDAnnotationWidget> widgets = field.getWidgets();
        appearance(widgets.get(0), value, font);
        // an incremental save does not subset; only the glyphs of the value go in
        font.subset();
        field.getCOSObject().setNeedToBeUpdated(true);
    }

    private static void appearance(PDAnnotationWidget widget, String value, PDFont font) throws IOException {
        PDRectangle rect = widget.getRectangle();
        PDAppearanceStream stream = new PDAppearanceStream(new org.apache.pdfbox.cos.COSStream());
        stream.setBBox(new PDRectangle(rect.getWidth(), rect.getHeight()));
        PDResources own = new PDResources();
        own.getCOSObject().setDirect(true);
        stream.setResources(own);
        try (PDAppearanceContentStream cs = new PDAppearanceContentStream(stream)) {
            cs.beginMarkedContent(COSName.TX);
            if (value != null && !value.isEmpty()) {
                float width = font.getStringWidth(value) / 1000 * SIZE;
                float size = width > rect.getWidth() ? SIZE * rect.getWidth() / width : SIZE;
                float x = Math.max(0, (rect.getWidth() - width * size / SIZE) / 2);
                // the baseline where the template's 14 pt line has it: descent below, line-height 1.2
                float y = rect.getHeight() - size * 1.2f + (size * 1.2f - size) / 2 + size * 0.216f;
                cs.beginText();
                cs.setFont(font, size);
                cs.setNonStrokingColor(0f);
                cs.newLineAtOffset(x, y);
                cs.showText(value);
                cs.endText();
            }
            cs.endMarkedContent();
        }
        PDAppearanceDictionary appearance = new PDAppearanceDictionary();
        // inside the field's dictionary, as form fillers write it
        appearance.getCOSObject().setDirect(true);
        appearance.setNormalAppearance(stream);
        widget.setAppearance(appearance);
        stream.getCOSObject().setNeedToBeUpdated(true);
        appearance.getCOSObject().setNeedToBeUpdated(true);
    }
}
