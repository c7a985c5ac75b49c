package vn.vanthu.rendering;

import com.openhtmltopdf.extend.FSCacheEx;
import com.openhtmltopdf.extend.FSCacheValue;
import com.openhtmltopdf.extend.impl.FSDefaultCacheStore;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PagePosition;
import com.openhtmltopdf.pdfboxout.PdfBoxRenderer;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.render.Box;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Lays out a {@link DocumentSheet} as an A4 PDF following guideline 36-HD: XHTML from the Thymeleaf
 * template {@code templates/pdf/document.html}, typeset by openhtmltopdf with Liberation Serif embedded
 * (subset), and reports where the signature block left room for the visible signature and the seal.
 * Thread-safe; the template and font metrics are cached across calls.
 */
@Component
public class DocumentRenderer {

    /** Classpath location of the template, relative to the resolver prefix {@code templates/}. */
    static final String TEMPLATE = "pdf/document";
    static final String SIGNER_AREA_ID = "signer-area";
    static final String SIGNATURE_COLUMN_ID = "signature-column";

    static final String INVITATION_CLOSING = "Rất mong các đồng chí đến dự đúng thời gian./.";

    private static final Pattern AREA_IDS =
            Pattern.compile("^(" + SIGNER_AREA_ID + "|" + SIGNATURE_COLUMN_ID + ")$");
    /** "1. …", "2.3. …": numbered section headings, set in bold. */
    private static final Pattern SECTION_HEADING = Pattern.compile("^\\s*\\d+(\\.\\d+)*\\.\\s");
    private static final float MM = 72f / 25.4f;
    /** A round Party seal is about 35–40 mm across. */
    private static final float SEAL_SIZE = 36 * MM;
    private static final Locale VIETNAMESE = Locale.forLanguageTag("vi-VN");

    private final TemplateEngine templates;
    // font metrics survive across documents, so layout does not re-read the TrueType tables every time
    private final FSCacheEx<String, FSCacheValue> fontMetrics = new FSDefaultCacheStore();

    public DocumentRenderer() {
        this.templates = templateEngine();
    }

    static final java.util.concurrent.ConcurrentHashMap<String, Long> PHASES = new java.util.concurrent.ConcurrentHashMap<>();
    static void ph(String k, long t0) { PHASES.merge(k, System.nanoTime() - t0, Long::sum); }
    static final Map<LiberationSerif.Face, org.apache.fontbox.ttf.TrueTypeFont> TTF = new java.util.EnumMap<>(LiberationSerif.Face.class);
    static { try { for (LiberationSerif.Face f : LiberationSerif.Face.values()) TTF.put(f, new org.apache.fontbox.ttf.TTFParser().parse(new org.apache.pdfbox.io.RandomAccessReadBuffer(LiberationSerif.bytes(f)))); } catch (IOException e) { throw new UncheckedIOException(e); } }
    public RenderedPdf render(DocumentSheet sheet) {
 long t0 = System.nanoTime();
        String xhtml = templates.process(TEMPLATE, new Context(VIETNAMESE, model(sheet)));
        ph("template", t0); t0 = System.nanoTime();
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        PdfRendererBuilder builder = new PdfRendererBuilder()
                .useFastMode()
                .withHtmlContent(xhtml, null)
                .useCacheStore(PdfRendererBuilder.CacheStore.PDF_FONT_METRICS, fontMetrics)
                .toStream(out);
        org.apache.pdfbox.pdmodel.PDDocument doc = new org.apache.pdfbox.pdmodel.PDDocument();
        builder.usePDDocument(doc);
        for (LiberationSerif.Face face : LiberationSerif.Face.values()) {
            try {
            builder.useFont(new com.openhtmltopdf.pdfboxout.PDFontSupplier(org.apache.pdfbox.pdmodel.font.PDType0Font.load(doc, TTF.get(face), true)), LiberationSerif.FAMILY, face.weight(),
                    face.italic() ? FontStyle.ITALIC : FontStyle.NORMAL, true);
            } catch (IOException e) { throw new UncheckedIOException(e); }
        }
        List<PagePosition<Box>> positions;
        try (PdfBoxRenderer renderer = builder.buildPdfRenderer()) {
 ph("build", t0); t0 = System.nanoTime();
            renderer.layout();
 ph("layout", t0); t0 = System.nanoTime();
            renderer.createPDF();
 ph("createPDF", t0); t0 = System.nanoTime();
            // positions come from the finished layout, so they are exactly where the boxes were drawn
            // (the output device knows the page boxes only once the PDF has been written)
            positions = renderer.findPagePositionsByID(AREA_IDS);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot render the document as PDF", e);
        }
        RenderedPdf.Area signer = area(positions, SIGNER_AREA_ID);
        RenderedPdf.Area column = area(positions, SIGNATURE_COLUMN_ID);
        return new RenderedPdf(out.toByteArray(), signer, sealArea(signer, column));
    }

    /**
     * The seal overlaps the left part of the signer box and the position lines above it, as stamped
     * by hand, and stays inside the signature column.
     */
    private static RenderedPdf.Area sealArea(RenderedPdf.Area signer, RenderedPdf.Area column) {
        float x = Math.max(column.x(), signer.x() - 8 * MM);
        float y = signer.y() + signer.height() / 2 - SEAL_SIZE / 2 + 6 * MM;
        float top = column.y() + column.height();
        y = Math.min(y, top - SEAL_SIZE);
        return new RenderedPdf.Area(signer.page(), x, y, SEAL_SIZE, SEAL_SIZE);
    }

    private static RenderedPdf.Area area(List<PagePosition<Box>> positions, String id) {
        // a box split across pages would appear once per page; the block is unbreakable, so take the last
        PagePosition<Box> found = null;
        for (PagePosition<Box> p : positions) {
            if (id.equals(p.getId())) {
                found = p;
            }
        }
        if (found == null) {
            throw new IllegalStateException("Template has no element with id " + id);
        }
        return new RenderedPdf.Area(found.getPageNo(), found.getX(), found.getY(), found.getWidth(), found.getHeight());
    }

    private static Map<String, Object> model(DocumentSheet sheet) {
        Map<String, Object> m = new HashMap<>();
        m.put("title", join(sheet.typeName(), sheet.summary()));
        m.put("superiorBody", sheet.superiorBody());
        m.put("issuingBody", sheet.issuingBody());
        m.put("numberLine", numberLine(sheet));
        m.put("dateLine", sheet.dateLine());
        m.put("typeName", sheet.typeName());
        m.put("summary", sheet.summary());
        m.put("paragraphs", paragraphs(sheet));
        m.put("recipients", sheet.recipients() == null ? List.of() : sheet.recipients());
        m.put("collectiveSigner", sheet.collectiveSigner());
        m.put("signerPosition", sheet.signerPosition());
        m.put("signerName", sheet.signerName());
        return m;
    }

    private static String numberLine(DocumentSheet sheet) {
        if (sheet.number() != null && !sheet.number().isBlank()) {
            return "Số " + sheet.number();
        }
        // unnumbered preview: room for the number the clerk assigns at issue ("white-space: pre" keeps it)
        String symbol = sheet.symbol() == null ? "" : sheet.symbol();
        return "Số      -" + symbol;
    }

    private static List<Paragraph> paragraphs(DocumentSheet sheet) {
        List<String> body = sheet.body() == null ? List.of() : sheet.body();
        List<Paragraph> out = new ArrayList<>();
        DocumentSheet.Meeting meeting = sheet.meeting();
        if (meeting == null) {
            body.forEach(text -> out.add(Paragraph.of(text)));
            return out;
        }
        out.add(new Paragraph("Kính mời:", meeting.invitees(), false));
        out.add(new Paragraph("Thời gian:", VietnameseDates.meetingTime(meeting.start(), meeting.end()), false));
        out.add(new Paragraph("Địa điểm:", meeting.location(), false));
        if (notBlank(meeting.chair())) {
            out.add(new Paragraph("Chủ trì:", meeting.chair(), false));
        }
        if (body.size() == 1 && !SECTION_HEADING.matcher(body.get(0)).find()) {
            out.add(new Paragraph("Nội dung:", body.get(0), false));
        } else if (!body.isEmpty()) {
            out.add(new Paragraph("Nội dung:", null, false));
            body.forEach(text -> out.add(Paragraph.of(text)));
        }
        if (notBlank(meeting.preparation())) {
            out.add(new Paragraph("Chuẩn bị:", meeting.preparation(), false));
        }
        if (notBlank(meeting.contact())) {
            out.add(new Paragraph("Liên hệ:", meeting.contact(), false));
        }
        out.add(new Paragraph(null, INVITATION_CLOSING, false));
        return out;
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    private static String join(String a, String b) {
        return (a == null ? "" : a) + (notBlank(b) ? " – " + b : "");
    }

    private static TemplateEngine templateEngine() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(DocumentRenderer.class.getClassLoader());
        resolver.setPrefix("templates/");
        resolver.setSuffix(".html");
        // XML mode: the output must be well-formed XHTML for openhtmltopdf's XML parser
        resolver.setTemplateMode(TemplateMode.XML);
        resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resolver.setCacheable(true);
        // SpringTemplateEngine evaluates with SpEL, which works without an application context
        // (the plain TemplateEngine would need OGNL, which is not on the classpath)
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
        return engine;
    }

    /** One body line of the template: an optional bold label ("Kính mời:") and its text. */
    public record Paragraph(String label, String text, boolean heading) {
        static Paragraph of(String text) {
            return new Paragraph(null, text, SECTION_HEADING.matcher(text == null ? "" : text).find());
        }
    }
}
