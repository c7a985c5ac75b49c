package vn.vanthu.document;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * What kind of meeting paper a file is, by its content, never by its name: a PDF starts with
 * "%PDF-"; a DOCX or XLSX is a ZIP whose central directory names [Content_Types].xml and
 * word/document.xml or xl/workbook.xml; an ODT is a ZIP whose first entry is the uncompressed
 * "mimetype" file saying application/vnd.oasis.opendocument.text (ODF 1.2, part 3, 3.3). Only the
 * ZIP's directory is read, nothing is decompressed, so a ZIP bomb costs nothing here.
 */
final class PaperTypes {

    private PaperTypes() {}

    public enum Kind {
        PDF("application/pdf", "pdf"),
        DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
        XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
        ODT("application/vnd.oasis.opendocument.text", "odt");

        private final String contentType;
        private final String extension;

        Kind(String contentType, String extension) {
            this.contentType = contentType;
            this.extension = extension;
        }

        public String contentType() {
            return contentType;
        }

        public String extension() {
            return extension;
        }
    }

    public static Optional<Kind> detect(byte[] content) {
        if (content == null || content.length < 8) {
            return Optional.empty();
        }
        if (startsWith(content, 0, "%PDF-")) {
            return Optional.of(Kind.PDF);
        }
        if (!(content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4)) {
            return Optional.empty();
        }
        // ODF: the first local entry is "mimetype", stored, its bytes right after the header
        String odt = Kind.ODT.contentType();
        if (content.length >= 38 + odt.length()
                && u16(content, 8) == 0
                && u16(content, 26) == 8
                && u16(content, 28) == 0
                && startsWith(content, 30, "mimetype")
                && startsWith(content, 38, odt)
                && u32(content, 18) == odt.length()) {
            return Optional.of(Kind.ODT);
        }
        Set<String> names = centralDirectoryNames(content);
        if (names.contains("[Content_Types].xml")) {
            if (names.contains("word/document.xml")) {
                return Optional.of(Kind.DOCX);
            }
            if (names.contains("xl/workbook.xml")) {
                return Optional.of(Kind.XLSX);
            }
        }
        return Optional.empty();
    }

    /** The entry names of a ZIP's central directory; empty when the ZIP is malformed. */
    static Set<String> centralDirectoryNames(byte[] zip) {
        Set<String> names = new HashSet<>();
        // the end-of-central-directory record: at least 22 bytes from the end, with a comment of up to 64 KB
        int eocd = -1;
        for (int i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65535); i--) {
            if (zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 5 && zip[i + 3] == 6) {
                eocd = i;
                break;
            }
        }
        if (eocd < 0) {
            return names;
        }
        int entries = u16(zip, eocd + 10);
        long offset = u32(zip, eocd + 16);
        int p = (int) Math.min(offset, Integer.MAX_VALUE);
        for (int n = 0; n < entries && n < 10_000; n++) {
            if (p < 0
                    || p + 46 > zip.length
                    || !(zip[p] == 'P' && zip[p + 1] == 'K' && zip[p + 2] == 1 && zip[p + 3] == 2)) {
                return names;
            }
            int nameLength = u16(zip, p + 28);
            int extraLength = u16(zip, p + 30);
            int commentLength = u16(zip, p + 32);
            if (p + 46 + nameLength > zip.length) {
                return names;
            }
            names.add(new String(zip, p + 46, nameLength, StandardCharsets.UTF_8));
            p += 46 + nameLength + extraLength + commentLength;
        }
        return names;
    }

    private static boolean startsWith(byte[] content, int at, String ascii) {
        byte[] expected = ascii.getBytes(StandardCharsets.US_ASCII);
        if (content.length < at + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (content[at + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }

    private static long u32(byte[] b, int at) {
        return (b[at] & 0xffL) | (b[at + 1] & 0xffL) << 8 | (b[at + 2] & 0xffL) << 16 | (b[at + 3] & 0xffL) << 24;
    }
}
