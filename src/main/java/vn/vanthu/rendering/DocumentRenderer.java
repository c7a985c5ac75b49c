package vn.vanthu.rendering;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PDFontSupplier;
import com.openhtmltopdf.pdfboxout.PagePosition;
import com.openhtmltopdf.pdfboxout.PdfBoxRenderer;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.render.Box;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Lays out a {@link DocumentSheet} as an A4 PDF following guideline 36-HD: XHTML from the Thymeleaf
 * template {@code templates/pdf/document.html}, typeset by openhtmltopdf with Liberation Serif embedded
 * as subsets, and reports where the signature block left room for the visible signature and the seal.
 * Thread-safe: the template is parsed once, the font files are read once, each call has its own PDF.
 */
@Component
public class DocumentRenderer {

    static {
        Slf4jXRLogger.install();
    }

    /** Classpath {@code templates/pdf/document.html}. */
    static final String TEMPLATE = "pdf/document";

    static final String SIGNER_AREA_ID = "signer-area";
    static final String NUMBER_LINE_ID = "number-line";
    static final String DATE_LINE_ID = "date-line";
    static final String INVITATION_CLOSING = "Rất mong các đồng chí đến dự đúng thời gian./.";

    private static final Pattern AREA_IDS =
            Pattern.compile("^(" + SIGNER_AREA_ID + "|" + NUMBER_LINE_ID + "|" + DATE_LINE_ID + ")$");
    /**
     * Up to this many lines, the whole Nơi nhận stays beside the signature block, and the two stay
     * with the body's last paragraph: when they do not fit under the body, they go on to the next
     * page together (never a page of nothing but Nơi nhận and the signature, nor a list cut from its
     * signature). About a page's height of 12 pt lines, less the last paragraph.
     */
    static final int RECIPIENTS_KEPT_WHOLE = 40;
    /**
     * A longer list: this many lines beside the signature block (about its height: two authority
     * lines, the 50 mm signing area, the name), the rest under it, free to go on to the next page.
     */
    static final int RECIPIENTS_BESIDE_SIGNATURE = 13;

    static final String ARCHIVE_LINE = "- Lưu Văn phòng.";
    private static final Locale VIETNAMESE = Locale.forLanguageTag("vi-VN");
    /** A blank line that keeps its height, so that the form field over it has the line's box. */
    private static final String BLANK = "\u00a0";

    private final TemplateEngine templates = templateEngine();

    /**
     * Renders the sheet; the returned areas are on the page that holds the signature block (the
     * block is never split across pages).
     */
    public RenderedPdf render(DocumentSheet sheet) {
        String xhtml = templates.process(TEMPLATE, new Context(VIETNAMESE, model(sheet)));
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        List<PagePosition<Box>> positions;
        try (PDDocument doc = new PDDocument()) {
            PdfRendererBuilder builder = pdfBuilder(doc, xhtml, out);
            try (PdfBoxRenderer renderer = builder.buildPdfRenderer()) {
                renderer.layout();
                renderer.createPDF();
                // positions of the boxes as laid out and drawn (the output device only knows the
                // page boxes once the PDF has been written); PDF points, origin bottom-left, page 0-based
                positions = renderer.findPagePositionsByID(AREA_IDS);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot render the document as PDF", e);
        }
        RenderedPdf.Area signer = area(positions, SIGNER_AREA_ID);
        byte[] pdf = out.toByteArray();
        if (sheet.number() == null) {
            // the text the leader signs leaves number and date blank, as form fields the office fills in
            pdf = IssueFields.add(
                    pdf,
                    area(positions, NUMBER_LINE_ID),
                    area(positions, DATE_LINE_ID),
                    "Số 0123456789-" + nfc(String.valueOf(sheet.symbol())),
                    nfc(String.valueOf(sheet.dateLine())));
        }
        return new RenderedPdf(pdf, signer);
    }

    private static RenderedPdf.Area area(List<PagePosition<Box>> positions, String id) {
        return positions.stream()
                .filter(p -> id.equals(p.getId()))
                .reduce((first, last) -> last) // the block is unbreakable: a single position in practice
                .map(p -> new RenderedPdf.Area(p.getPageNo(), p.getX(), p.getY(), p.getWidth(), p.getHeight()))
                .orElseThrow(() -> new IllegalStateException("Template has no element with id " + id));
    }

    private static Map<String, Object> model(DocumentSheet sheet) {
        DocumentSheet.Marks marks = sheet.marks();
        Map<String, Object> m = new HashMap<>();
        m.put("title", nfc(sheet.typeName()) + (notBlank(sheet.summary()) ? " – " + nfc(sheet.summary()) : ""));
        m.put("superiorLines", lines(sheet.superiorBody()));
        m.put("issuingLines", lines(sheet.issuingBody()));
        m.put("numberLine", numberLine(sheet));
        m.put("dateLine", notBlank(sheet.number()) && !marks.draft() ? nfc(sheet.dateLine()) : BLANK);
        m.put("typeName", nfc(sheet.typeName()));
        m.put("titleLine", nfc(marks.titleLine()));
        m.put("summary", nfc(sheet.summary()));
        m.put("urgency", nfc(marks.urgency()));
        // 36-HD: the circulation mark in bold capitals ("LƯU HÀNH NỘI BỘ")
        m.put(
                "circulation",
                marks.circulation() == null ? null : nfc(marks.circulation()).toUpperCase(VIETNAMESE));
        m.put("draft", marks.draft());
        List<Paragraph> paragraphs = paragraphs(sheet);
        // the last paragraph goes with the signature block (the template keeps them on one page)
        m.put("paragraphs", paragraphs.isEmpty() ? paragraphs : paragraphs.subList(0, paragraphs.size() - 1));
        m.put("lastParagraph", paragraphs.isEmpty() ? null : paragraphs.get(paragraphs.size() - 1));
        List<String> recipients = recipientLines(sheet.recipients());
        int beside = recipients.size() <= RECIPIENTS_KEPT_WHOLE
                ? recipients.size()
                : Math.min(recipients.size(), RECIPIENTS_BESIDE_SIGNATURE);
        m.put("recipientsBeside", recipients.subList(0, beside));
        m.put("recipientsAfter", recipients.subList(beside, recipients.size()));
        m.put("authority", authority(sheet));
        m.put("signerName", nfc(sheet.signerName()));
        return m;
    }

    /** "- Văn phòng Tỉnh ủy," for each recipient line, then "- Lưu Văn phòng." (36-HD: the office's copy last). */
    static List<String> recipientLines(List<String> recipients) {
        List<String> lines = new ArrayList<>();
        if (recipients != null) {
            for (String r : recipients) {
                if (notBlank(r)) {
                    lines.add("- " + nfc(r.strip()) + ",");
                }
            }
        }
        lines.add(ARCHIVE_LINE);
        return lines;
    }

    /** The lines above the signature: the configured ones, else the collective body's then the position. */
    static List<String> authority(DocumentSheet sheet) {
        List<String> configured = sheet.marks().authority();
        if (!configured.isEmpty()) {
            return configured.stream().map(DocumentRenderer::nfc).toList();
        }
        List<String> lines = new ArrayList<>(lines(sheet.collectiveSigner()));
        if (notBlank(sheet.signerPosition())) {
            lines.add(nfc(sheet.signerPosition()));
        }
        return lines;
    }

    /** A configured line break ("\n") in a name or an authority line. */
    private static List<String> lines(String text) {
        if (text == null) {
            return List.of();
        }
        return Arrays.stream(text.split("\\R"))
                .map(String::strip)
                .filter(l -> !l.isEmpty())
                .map(DocumentRenderer::nfc)
                .toList();
    }

    private static String numberLine(DocumentSheet sheet) {
        // unnumbered: blank, a form field (IssueFields) takes the number at issue
        return notBlank(sheet.number())
                ? IssueFields.numberLine(nfc(sheet.number().strip()))
                : BLANK;
    }

    private static List<Paragraph> paragraphs(DocumentSheet sheet) {
        List<String> body = sheet.body() == null ? List.of() : sheet.body();
        List<Paragraph> out = new ArrayList<>();
        DocumentSheet.Meeting meeting = sheet.meeting();
        if (meeting == null) {
            body.forEach(text -> out.add(Paragraph.of(text)));
            return out;
        }
        out.add(Paragraph.labelled("Kính mời:", meeting.invitees()));
        out.add(Paragraph.labelled("Thời gian:", VietnameseDates.meetingTime(meeting.start(), meeting.end())));
        out.add(Paragraph.labelled("Địa điểm:", meeting.location()));
        if (notBlank(meeting.chair())) {
            out.add(Paragraph.labelled("Chủ trì:", meeting.chair()));
        }
        if (body.size() == 1 && !Paragraph.of(body.get(0)).heading()) {
            out.add(Paragraph.labelled("Nội dung:", body.get(0)));
        } else if (!body.isEmpty()) {
            out.add(Paragraph.labelled("Nội dung:", null));
            body.forEach(text -> out.add(Paragraph.of(text)));
        }
        if (notBlank(meeting.preparation())) {
            out.add(Paragraph.labelled("Chuẩn bị:", meeting.preparation()));
        }
        if (notBlank(meeting.contact())) {
            out.add(Paragraph.labelled("Liên hệ:", meeting.contact()));
        }
        out.add(Paragraph.of(INVITATION_CLOSING));
        return out;
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    /** Precomposed letters (e.g. "ệ" as one code point), which the font has and text extraction returns. */
    private static String nfc(String s) {
        return s == null ? null : Normalizer.normalize(s, Normalizer.Form.NFC);
    }

    /**
     * openhtmltopdf set up for one of our XHTML templates: into {@code doc}, written to {@code out},
     * with Liberation Serif's faces (made for this document from the cached bytes, so that GSUB can
     * be switched off). Also the register's PDF (RegisterPdf).
     */
    static PdfRendererBuilder pdfBuilder(PDDocument doc, String xhtml, java.io.OutputStream out) {
        PdfRendererBuilder builder = new PdfRendererBuilder()
                .useFastMode()
                .usePDDocument(doc)
                .withHtmlContent(xhtml, null)
                .toStream(out);
        for (LiberationSerif.Face face : LiberationSerif.Face.values()) {
            builder.useFont(
                    new PDFontSupplier(LiberationSerif.load(doc, face)),
                    LiberationSerif.FAMILY,
                    face.weight(),
                    face.italic() ? FontStyle.ITALIC : FontStyle.NORMAL,
                    true);
        }
        return builder;
    }

    /** The PDF templates under templates/ (also the register's, RegisterPdf). */
    static TemplateEngine templateEngine() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(DocumentRenderer.class.getClassLoader());
        resolver.setPrefix("templates/");
        resolver.setSuffix(".html");
        // XML mode: openhtmltopdf parses its input as XML, so the output must be well-formed XHTML
        resolver.setTemplateMode(TemplateMode.XML);
        resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resolver.setCacheable(true);
        // SpringTemplateEngine evaluates expressions with SpEL and needs no application context;
        // a plain TemplateEngine would need OGNL, which is not on the classpath
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
        return engine;
    }

    /**
     * One paragraph of the template: an optional bold label ("Kính mời:") and its text. Only a line
     * the drafter marked with {@link DocumentSheet#HEADING_MARK} is a heading: "1. …" alone is not.
     */
    record Paragraph(String label, String text, boolean heading) {

        static Paragraph of(String text) {
            String t = nfc(text);
            if (t != null && t.startsWith(DocumentSheet.HEADING_MARK)) {
                return new Paragraph(
                        null, t.substring(DocumentSheet.HEADING_MARK.length()).strip(), true);
            }
            return new Paragraph(null, t, false);
        }

        static Paragraph labelled(String label, String text) {
            return new Paragraph(label, nfc(text), false);
        }
    }
}
