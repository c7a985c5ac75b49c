package vn.vanthu.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** Meeting papers are recognised by content, not by name; without Spring. */
class PaperTypesTest {

    @Test
    void eachKindByItsContent() throws IOException {
        assertThat(PaperTypes.detect("%PDF-1.7\n%âãÏÓ\n1 0 obj".getBytes(StandardCharsets.ISO_8859_1)))
                .contains(PaperTypes.Kind.PDF);
        assertThat(PaperTypes.detect(docx())).contains(PaperTypes.Kind.DOCX);
        assertThat(PaperTypes.detect(xlsx())).contains(PaperTypes.Kind.XLSX);
        assertThat(PaperTypes.detect(odt("application/vnd.oasis.opendocument.text")))
                .contains(PaperTypes.Kind.ODT);
    }

    @Test
    void whatMerelyLooksLikeOneIsRefused() throws IOException {
        // a text file named .pdf, an HTML page, an executable
        assertThat(PaperTypes.detect("<html><script>alert(1)</script>".getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
        assertThat(PaperTypes.detect("MZ\u0090\u0000\u0003\u0000\u0000\u0000".getBytes(StandardCharsets.ISO_8859_1)))
                .isEmpty();
        assertThat(PaperTypes.detect(new byte[3])).isEmpty();
        assertThat(PaperTypes.detect(null)).isEmpty();
        // a ZIP that is neither Word nor Excel; an ODF spreadsheet (only text documents are papers here)
        assertThat(PaperTypes.detect(zip("readme.txt", "[Content_Types].xml"))).isEmpty();
        assertThat(PaperTypes.detect(odt("application/vnd.oasis.opendocument.spreadsheet")))
                .isEmpty();
        // a truncated ZIP: its directory is gone
        byte[] docx = docx();
        assertThat(PaperTypes.detect(java.util.Arrays.copyOf(docx, docx.length / 2)))
                .isEmpty();
    }

    @Test
    void theStoredNameEndsInWhatTheContentIs() {
        assertThat(MeetingPapers.fileName("Báo cáo.pdf", PaperTypes.Kind.PDF)).isEqualTo("Báo cáo.pdf");
        assertThat(MeetingPapers.fileName("bao-cao.pdf", PaperTypes.Kind.DOCX)).isEqualTo("bao-cao.pdf.docx");
        assertThat(MeetingPapers.fileName("C:\\Users\\x\\..\\du-toan.XLSX", PaperTypes.Kind.XLSX))
                .isEqualTo("du-toan.XLSX");
        assertThat(MeetingPapers.fileName("../../etc/passwd", PaperTypes.Kind.PDF))
                .isEqualTo("passwd.pdf");
        assertThat(MeetingPapers.fileName("a\"b\r\nc.pdf", PaperTypes.Kind.PDF)).isEqualTo("abc.pdf");
        assertThat(MeetingPapers.fileName(null, PaperTypes.Kind.ODT)).isEqualTo("tai-lieu.odt");
        assertThat(MeetingPapers.fileName("x".repeat(400) + ".pdf", PaperTypes.Kind.PDF))
                .hasSize(200)
                .endsWith(".pdf");
    }

    @Test
    void sizesAsPeopleReadThem() {
        assertThat(PaperSizes.text(340 * 1024)).isEqualTo("340 KB");
        assertThat(PaperSizes.text(20L * 1024 * 1024)).isEqualTo("20 MB");
        assertThat(PaperSizes.text(1_258_291)).isEqualTo("1,2 MB");
    }

    static byte[] docx() throws IOException {
        return zip("[Content_Types].xml", "_rels/.rels", "word/document.xml");
    }

    static byte[] xlsx() throws IOException {
        return zip("[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/worksheets/sheet1.xml");
    }

    static byte[] zip(String... names) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String name : names) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write("<?xml version=\"1.0\"?><x/>".getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    /** An ODF package: "mimetype" first and stored, as the specification requires. */
    static byte[] odt(String mimeType) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            byte[] type = mimeType.getBytes(StandardCharsets.US_ASCII);
            ZipEntry entry = new ZipEntry("mimetype");
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(type.length);
            CRC32 crc = new CRC32();
            crc.update(type);
            entry.setCrc(crc.getValue());
            zip.putNextEntry(entry);
            zip.write(type);
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("content.xml"));
            zip.write("<office:document-content/>".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return out.toByteArray();
    }
}
