package vn.vanthu.signing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * Test utility: a PDF's revisions and, for each incremental update, which objects it writes and
 * what they are. An object belongs to update k when, in the file cut at the end of update k, its
 * xref entry points after the end of revision k - 1 (for an object in an object stream: the object
 * stream does). It is {@code rewritten} when revision k - 1 already had an object of that number,
 * i.e. the update replaces it rather than adding it.
 *
 * <p>Numbering: revision 0 is the file as first saved; update 1 is the first incremental update
 * (in an issued file: the leader's signature), update 2 the next (the fill-in), and so on.
 */
final class PdfRevisions {

    // what an object is; one of these in Change.kind
    static final String CATALOG = "catalog";
    static final String INFO = "Info";
    static final String PAGE_TREE = "page tree";
    static final String PAGE = "page";
    static final String PAGE_CONTENT = "page content";
    static final String ACROFORM = "AcroForm";
    static final String SIGNATURE_FIELD = "signature field";
    static final String TEXT_FIELD = "text field";
    static final String FIELD = "field";
    static final String WIDGET = "widget";
    static final String ANNOTATION = "annotation";
    static final String SIGNATURE_VALUE = "signature value";
    static final String FONT = "font";
    static final String FONT_DESCRIPTOR = "font descriptor";
    static final String FONT_FILE = "font file";
    /** ToUnicode, CIDToGIDMap, CIDSet, an encoding stream: a font's other parts */
    static final String FONT_DATA = "font data";

    static final String APPEARANCE_STREAM = "appearance stream";
    static final String FORM_XOBJECT = "form XObject";
    static final String IMAGE = "image XObject";
    static final String RESOURCES = "resources";
    /** the /AcroForm's /DR and its parts (its /Font dictionary) */
    static final String DEFAULT_RESOURCES = "AcroForm DR";
    /** an annotation's /AP dictionary, written as an object of its own */
    static final String APPEARANCE_DICTIONARY = "appearance dictionary";

    static final String PERMS = "Perms";
    static final String OUTPUT_INTENT = "output intent";
    static final String DSS = "DSS";
    static final String VRI = "VRI";
    static final String CRL = "CRL";
    static final String CERTIFICATE = "certificate";
    static final String OCSP = "OCSP";
    static final String METADATA = "XMP metadata";
    static final String SIGNATURE_REFERENCE = "signature reference";
    static final String XREF_STREAM = "xref stream";
    static final String OBJECT_STREAM = "object stream";
    static final String ARRAY = "array";
    static final String OTHER = "other";

    private static final Set<String> FONT_KINDS = Set.of(FONT, FONT_DESCRIPTOR, FONT_FILE, FONT_DATA);

    /**
     * One object written by an incremental update.
     *
     * @param revision     the update's number: 1 for the first incremental update
     * @param rewritten    the previous revision had an object of this number: replaced, not added
     * @param kind         one of this class's constants (CATALOG, FONT, APPEARANCE_STREAM, …)
     * @param fieldName    the form field it is or belongs to (/T, its parent's, or that of the
     *                     annotation whose appearance it is); null when none
     * @param detail       its /Type, /Subtype, /FT … and where it is referenced from, for reading
     */
    record Change(
            int revision,
            long objectNumber,
            int generation,
            boolean rewritten,
            String kind,
            String fieldName,
            String detail) {

        boolean isFont() {
            return FONT_KINDS.contains(kind);
        }

        @Override
        public String toString() {
            return String.format(
                    "%d %d %s %s%s  %s",
                    objectNumber,
                    generation,
                    rewritten ? "REWRITTEN" : "new      ",
                    kind,
                    fieldName == null ? "" : " [" + fieldName + "]",
                    detail);
        }
    }

    private PdfRevisions() {}

    /**
     * Where each revision ends: the offset just after its {@code %%EOF} line, found from the last
     * {@code startxref} back through the /Prev chain (so a "%%EOF" inside a stream is not taken
     * for one). Oldest first; the last is the file's length unless junk follows.
     */
    static List<Long> revisionEnds(byte[] pdf) {
        String s = new String(pdf, StandardCharsets.ISO_8859_1);
        List<Long> ends = new ArrayList<>();
        int at = s.lastIndexOf("startxref");
        long xref = at < 0 ? -1 : number(s, at + "startxref".length());
        Set<Long> seen = new HashSet<>();
        while (xref >= 0 && xref < s.length() && seen.add(xref)) {
            long end = eofAfter(s, (int) xref);
            if (end < 0) {
                break;
            }
            ends.add(end);
            xref = prev(s, (int) xref);
        }
        if (ends.isEmpty()) { // no usable chain: every %%EOF that closes a startxref
            Matcher m = Pattern.compile("startxref\\s+\\d+\\s+%%EOF").matcher(s);
            while (m.find()) {
                ends.add(eofEnd(s, m.end()));
            }
        }
        return ends.stream().distinct().sorted().toList();
    }

    /** One list per incremental update, oldest first; each in object number order. */
    static List<List<Change>> updates(byte[] pdf) {
        List<Long> ends = revisionEnds(pdf);
        List<List<Change>> updates = new ArrayList<>();
        Map<String, Long> before = null;
        for (int r = 0; r < ends.size(); r++) {
            long end = ends.get(r);
            long start = r == 0 ? 0 : ends.get(r - 1);
            byte[] prefix = java.util.Arrays.copyOf(pdf, (int) end);
            try (PDDocument doc = Loader.loadPDF(prefix)) {
                COSDocument cos = doc.getDocument();
                Map<COSObjectKey, Long> xref = cos.getXrefTable();
                Map<String, Long> offsets = new HashMap<>();
                Map<Long, Long> streamOffsets = new HashMap<>();
                xref.forEach((key, offset) -> {
                    if (offset != null && offset > 0) {
                        streamOffsets.putIfAbsent(key.getNumber(), offset);
                    }
                });
                xref.forEach((key, offset) -> {
                    if (offset == null || offset == 0) {
                        return;
                    }
                    // a compressed object's entry is minus its object stream's number
                    long effective = offset > 0 ? offset : streamOffsets.getOrDefault(-offset, -1L);
                    offsets.put(id(key.getNumber(), key.getGeneration()), effective);
                });
                if (r > 0) {
                    Roles roles = roles(cos, xref.keySet());
                    Map<String, Change> written = new TreeMap<>(PdfRevisions::byNumber);
                    for (COSObjectKey key : xref.keySet()) {
                        long offset = offsets.getOrDefault(id(key.getNumber(), key.getGeneration()), -1L);
                        if (offset >= start && offset < end) {
                            written.put(id(key.getNumber(), key.getGeneration()), change(r, key, cos, roles, before));
                        }
                    }
                    // the update's own xref stream, when the xref lists it not
                    long startxref = startxrefOf(pdf, start, end);
                    Matcher m = XREF_STREAM_AT.matcher(
                            startxref < start
                                    ? ""
                                    : new String(
                                            pdf,
                                            (int) startxref,
                                            (int) Math.min(40, end - startxref),
                                            StandardCharsets.ISO_8859_1));
                    if (m.lookingAt()) {
                        String id = m.group(1) + " " + m.group(2);
                        written.putIfAbsent(
                                id,
                                new Change(
                                        r,
                                        Long.parseLong(m.group(1)),
                                        Integer.parseInt(m.group(2)),
                                        before != null && before.containsKey(id),
                                        XREF_STREAM,
                                        null,
                                        "/Type /XRef"));
                    }
                    updates.add(List.copyOf(written.values()));
                }
                before = offsets;
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read revision " + r + " (up to byte " + end + ")", e);
            }
        }
        return updates;
    }

    /** Every update's objects, one per line, for an assertion's message. */
    static String listing(List<List<Change>> updates) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < updates.size(); i++) {
            out.append("update ").append(i + 1).append(":\n");
            for (Change c : updates.get(i)) {
                out.append("  ").append(c).append('\n');
            }
        }
        return out.toString();
    }

    static String listing(byte[] pdf) {
        return listing(updates(pdf));
    }

    // --- what an object is

    /** For each object, where it is referenced from: the referring object and the key path in it. */
    private record Roles(Map<String, List<Ref>> refs, Map<String, COSBase> objects) {
        List<String> paths(String id) {
            return refs.getOrDefault(id, List.of()).stream().map(Ref::path).toList();
        }

        boolean any(String id, java.util.function.Predicate<String> path) {
            return paths(id).stream().anyMatch(path);
        }
    }

    /** {@code owner} is the referring object's id, or "trailer". */
    private record Ref(String owner, String path) {}

    private static Roles roles(COSDocument cos, Set<COSObjectKey> keys) {
        Map<String, List<Ref>> refs = new HashMap<>();
        Map<String, COSBase> objects = new HashMap<>();
        walk(cos.getTrailer(), "", "trailer", refs, Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
        for (COSObjectKey key : keys) {
            COSBase object = resolve(cos, key);
            if (object == null) {
                continue;
            }
            String id = id(key.getNumber(), key.getGeneration());
            objects.put(id, object);
            walk(object, "", id, refs, Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
        }
        return new Roles(refs, objects);
    }

    private static COSBase resolve(COSDocument cos, COSObjectKey key) {
        try {
            COSObject object = cos.getObjectFromPool(key);
            return object == null ? null : object.getObject();
        } catch (RuntimeException e) { // a damaged object: listed without a kind
            return null;
        }
    }

    /** Records the references inside one object's direct structure; does not follow them. */
    private static void walk(COSBase base, String path, String owner, Map<String, List<Ref>> refs, Set<COSBase> seen) {
        if (base instanceof COSObject reference) {
            if (reference.getObjectNumber() > 0) {
                refs.computeIfAbsent(
                                id(reference.getObjectNumber(), reference.getGenerationNumber()),
                                k -> new ArrayList<>())
                        .add(new Ref(owner, path));
            }
            return;
        }
        if (base == null || !seen.add(base)) {
            return;
        }
        if (base instanceof COSDictionary dict) {
            for (Map.Entry<COSName, COSBase> e : dict.entrySet()) {
                walk(e.getValue(), path + "/" + e.getKey().getName(), owner, refs, seen);
            }
        } else if (base instanceof COSArray array) {
            for (COSBase element : array) {
                walk(element, path + "[]", owner, refs, seen);
            }
        }
    }

    private static Change change(
            int revision, COSObjectKey key, COSDocument cos, Roles roles, Map<String, Long> before) {
        String id = id(key.getNumber(), key.getGeneration());
        COSBase object = roles.objects().get(id);
        boolean rewritten = before != null && before.containsKey(id);
        String kind = kind(id, object, roles);
        return new Change(
                revision,
                key.getNumber(),
                key.getGeneration(),
                rewritten,
                kind,
                fieldName(id, object, roles, 0),
                detail(id, object, roles));
    }

    private static String kind(String id, COSBase object, Roles roles) {
        return kind(id, object, roles, 0);
    }

    /** {@code depth}: how far up the referring objects this has looked (a part takes its owner's kind). */
    private static String kind(String id, COSBase object, Roles roles, int depth) {
        if (object instanceof COSArray) {
            return ARRAY;
        }
        if (!(object instanceof COSDictionary d)) {
            return OTHER;
        }
        COSName type = d.getCOSName(COSName.TYPE);
        COSName subtype = d.getCOSName(COSName.SUBTYPE);
        if (COSName.XREF.equals(type)) {
            return XREF_STREAM;
        }
        if (COSName.OBJ_STM.equals(type)) {
            return OBJECT_STREAM;
        }
        if (COSName.CATALOG.equals(type) || roles.any(id, p -> p.equals("/Root"))) {
            return CATALOG;
        }
        if (roles.any(id, p -> p.equals("/Info"))) {
            return INFO;
        }
        if (COSName.PAGES.equals(type)) {
            return PAGE_TREE;
        }
        if (COSName.PAGE.equals(type)) {
            return PAGE;
        }
        if (roles.any(id, p -> p.equals("/AcroForm"))) {
            return ACROFORM;
        }
        if (d.containsKey(COSName.FT)) {
            COSName ft = d.getCOSName(COSName.FT);
            return COSName.SIG.equals(ft)
                    ? SIGNATURE_FIELD
                    : COSName.getPDFName("Tx").equals(ft) ? TEXT_FIELD : FIELD;
        }
        if (COSName.getPDFName("Widget").equals(subtype)) {
            return WIDGET;
        }
        if (d.containsKey(COSName.T) && (d.containsKey(COSName.KIDS) || d.containsKey(COSName.PARENT))) {
            return FIELD;
        }
        if (COSName.SIG.equals(type)
                || COSName.DOC_TIME_STAMP.equals(type)
                || (d.containsKey(COSName.BYTERANGE) && d.containsKey(COSName.CONTENTS))) {
            return SIGNATURE_VALUE;
        }
        if (subtype != null && d.containsKey(COSName.RECT)) {
            return ANNOTATION;
        }
        if (COSName.FONT.equals(type)) {
            return FONT;
        }
        if (COSName.FONT_DESC.equals(type)) {
            return FONT_DESCRIPTOR;
        }
        if (roles.any(id, p -> p.endsWith("/FontFile") || p.endsWith("/FontFile2") || p.endsWith("/FontFile3"))) {
            return FONT_FILE;
        }
        if (roles.any(
                id,
                p -> p.endsWith("/ToUnicode")
                        || p.endsWith("/CIDToGIDMap")
                        || p.endsWith("/CIDSet")
                        || p.endsWith("/CIDSystemInfo")
                        || (p.endsWith("/Encoding") && object instanceof COSStream)
                        || p.endsWith("/DescendantFonts[]")
                        || p.endsWith("/W"))) {
            return FONT_DATA;
        }
        if (COSName.getPDFName("DSS").equals(type) || roles.any(id, p -> p.equals("/DSS"))) {
            return DSS;
        }
        if (roles.any(id, p -> p.equals("/VRI") || (p.startsWith("/VRI/") && p.indexOf('/', 5) < 0))
                || owners(id, roles).anyMatch(owner -> roles.any(owner, p -> p.equals("/VRI")))) {
            return VRI;
        }
        if (roles.any(id, p -> p.endsWith("/CRLs[]") || p.endsWith("/CRL[]"))) {
            return CRL;
        }
        if (roles.any(id, p -> p.endsWith("/Certs[]") || p.endsWith("/Cert[]"))) {
            return CERTIFICATE;
        }
        if (roles.any(id, p -> p.endsWith("/OCSPs[]") || p.endsWith("/OCSP[]"))) {
            return OCSP;
        }
        if (COSName.METADATA.equals(type) || roles.any(id, p -> p.equals("/Metadata"))) {
            return METADATA;
        }
        if (COSName.getPDFName("OutputIntent").equals(type)
                || roles.any(id, p -> p.equals("/OutputIntents[]") || p.equals("/DestOutputProfile"))) {
            return OUTPUT_INTENT;
        }
        if (roles.any(id, p -> p.equals("/Perms"))) {
            return PERMS;
        }
        if (roles.any(id, p -> p.equals("/DR"))) {
            return DEFAULT_RESOURCES;
        }
        if (COSName.IMAGE.equals(subtype)) {
            return IMAGE;
        }
        if (roles.any(id, p -> p.equals("/AP"))) {
            return APPEARANCE_DICTIONARY;
        }
        // an appearance: under /AP, directly or through an appearance dictionary written on its own
        if (object instanceof COSStream
                && (roles.any(id, p -> p.startsWith("/AP/"))
                        || roles.refs().getOrDefault(id, List.of()).stream()
                                .anyMatch(ref -> roles.any(ref.owner(), p -> p.equals("/AP"))))) {
            return APPEARANCE_STREAM;
        }
        if (COSName.FORM.equals(subtype)) {
            return FORM_XOBJECT;
        }
        if (object instanceof COSStream && roles.any(id, p -> p.equals("/Contents") || p.equals("/Contents[]"))) {
            return PAGE_CONTENT;
        }
        if (roles.any(id, p -> p.startsWith("/Reference[]") || p.startsWith("/TransformParams"))
                || COSName.getPDFName("SigRef").equals(type)
                || COSName.getPDFName("TransformParams").equals(type)) {
            return SIGNATURE_REFERENCE;
        }
        // the parts of a resource dictionary (/Font, /XObject …) written on their own, and an
        // image's parameters: of their owner's kind
        if (depth < 4) {
            for (Ref ref : roles.refs().getOrDefault(id, List.of())) {
                String last = ref.path().substring(ref.path().lastIndexOf('/') + 1);
                if (RESOURCE_PARTS.contains(last) || last.equals("DecodeParms") || last.equals("SMask")) {
                    String owner = kind(ref.owner(), roles.objects().get(ref.owner()), roles, depth + 1);
                    if (owner.equals(DEFAULT_RESOURCES) || owner.equals(RESOURCES) || owner.equals(IMAGE)) {
                        return owner;
                    }
                }
            }
        }
        if (roles.any(id, p -> p.endsWith("/Resources"))) {
            return RESOURCES;
        }
        return OTHER;
    }

    private static final Set<String> RESOURCE_PARTS =
            Set.of("Font", "XObject", "ExtGState", "ColorSpace", "Pattern", "Shading", "Properties");

    private static java.util.stream.Stream<String> owners(String id, Roles roles) {
        return roles.refs().getOrDefault(id, List.of()).stream().map(Ref::owner);
    }

    /** /T; a widget's parent's /T; for an appearance stream or resource, that of what it belongs to. */
    private static String fieldName(String id, COSBase object, Roles roles, int depth) {
        if (object instanceof COSDictionary d) {
            String t = d.getString(COSName.T);
            if (t != null) {
                return t;
            }
            if (d.getDictionaryObject(COSName.PARENT) instanceof COSDictionary parent
                    && parent.getString(COSName.T) != null) {
                return parent.getString(COSName.T);
            }
        }
        if (depth > 4) {
            return null;
        }
        for (Ref ref : roles.refs().getOrDefault(id, List.of())) {
            // up an annotation's appearance (and its nested XObjects) and from a signature value to
            // its field; not from pages, forms or shared resources
            String path = ref.path();
            if (path.startsWith("/AP")
                    || path.equals("/V")
                    || path.matches("/[NDR](/[^/]+)?")
                    || path.startsWith("/Resources/XObject/")) {
                String name = fieldName(ref.owner(), roles.objects().get(ref.owner()), roles, depth + 1);
                if (name != null) {
                    return name;
                }
            }
        }
        return null;
    }

    private static String detail(String id, COSBase object, Roles roles) {
        StringBuilder out = new StringBuilder();
        if (object instanceof COSDictionary d) {
            for (COSName key : List.of(
                    COSName.TYPE, COSName.SUBTYPE, COSName.FT, COSName.BASE_FONT, COSName.FONT_NAME, COSName.FILTER)) {
                COSBase value = d.getDictionaryObject(key);
                if (value instanceof COSName name) {
                    out.append('/')
                            .append(key.getName())
                            .append(" /")
                            .append(name.getName())
                            .append(' ');
                }
            }
            if (d.containsKey(COSName.V)
                    && d.getDictionaryObject(COSName.V) instanceof org.apache.pdfbox.cos.COSString v) {
                out.append("/V (").append(v.getString()).append(") ");
            }
            if (COSName.getPDFName("Widget").equals(d.getCOSName(COSName.SUBTYPE)) && d.containsKey(COSName.FT)) {
                out.append("(field and widget in one) ");
            }
            if (object instanceof COSStream stream) {
                out.append("stream ").append(stream.getLength()).append(" bytes ");
            }
        } else if (object instanceof COSArray array) {
            out.append("array of ").append(array.size()).append(' ');
        } else if (object == null) {
            out.append("(unreadable) ");
        }
        Set<String> from = new LinkedHashSet<>();
        for (Ref ref : roles.refs().getOrDefault(id, List.of())) {
            from.add(("trailer".equals(ref.owner()) ? "trailer" : ref.owner()) + ref.path());
        }
        if (from.isEmpty()
                && !COSName.XREF.equals(object instanceof COSDictionary d ? d.getCOSName(COSName.TYPE) : null)) {
            out.append("(referenced from nowhere)");
        } else {
            out.append("<- ").append(String.join(", ", from.stream().limit(3).toList()));
            if (from.size() > 3) {
                out.append(", …");
            }
        }
        return out.toString().trim();
    }

    // --- the xref chain

    private static long eofAfter(String s, int xref) {
        int eof = s.indexOf("%%EOF", xref);
        return eof < 0 ? -1 : eofEnd(s, eof + 5);
    }

    /** Past "%%EOF" and its end of line. */
    private static long eofEnd(String s, int afterEof) {
        int i = afterEof;
        if (i < s.length() && s.charAt(i) == '\r') {
            i++;
        }
        if (i < s.length() && s.charAt(i) == '\n') {
            i++;
        }
        return i;
    }

    private static final Pattern XREF_STREAM_AT = Pattern.compile("(\\d+)\\s+(\\d+)\\s+obj");

    private static final Pattern PREV = Pattern.compile("/Prev\\s+(\\d+)");

    /** The /Prev of the xref section (a table and its trailer, or an xref stream) at {@code xref}, or -1. */
    private static long prev(String s, int xref) {
        String dict;
        if (s.startsWith("xref", xref)) {
            int trailer = s.indexOf("trailer", xref);
            int startxref = s.indexOf("startxref", xref);
            if (trailer < 0 || startxref < trailer) {
                return -1;
            }
            dict = s.substring(trailer, startxref);
        } else {
            int stream = s.indexOf("stream", xref);
            if (stream < 0) {
                return -1;
            }
            dict = s.substring(xref, stream);
        }
        Matcher m = PREV.matcher(dict);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /** The startxref value of the revision in [start, end), or -1. */
    private static long startxrefOf(byte[] pdf, long start, long end) {
        String s = new String(pdf, (int) start, (int) (end - start), StandardCharsets.ISO_8859_1);
        int at = s.lastIndexOf("startxref");
        return at < 0 ? -1 : number(s, at + "startxref".length());
    }

    private static long number(String s, int from) {
        int i = from;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        int j = i;
        while (j < s.length() && Character.isDigit(s.charAt(j))) {
            j++;
        }
        return j > i ? Long.parseLong(s.substring(i, j)) : -1;
    }

    private static String id(long number, int generation) {
        return number + " " + generation;
    }

    private static int byNumber(String a, String b) {
        String[] x = a.split(" ");
        String[] y = b.split(" ");
        int c = Long.compare(Long.parseLong(x[0]), Long.parseLong(y[0]));
        return c != 0 ? c : Integer.compare(Integer.parseInt(x[1]), Integer.parseInt(y[1]));
    }
}
