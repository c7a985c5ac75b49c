package vn.vanthu.signing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * What may follow the organisation's seal, whose field lock says {@code /P 1}: validation data (the
 * {@code /DSS} dictionary and its VRI entries, with new certificates, CRLs, OCSP answers) and invisible
 * document timestamps (PDF 2.0, 12.8.2.4). Checked on the objects themselves: DSS classes an unsigned
 * revision that also rewrites {@code /Info} or the XMP metadata as "extension changes" and lets it pass.
 *
 * <p>An object of the sealed revision written again after it is allowed only when it is the catalog
 * (changing nothing but {@code /DSS}, {@code /Extensions}), the {@code /DSS} dictionary or one under it,
 * the form (adding only document timestamp fields) or a page (adding only their zero-size widgets).
 * An object written again with the same content is no change. New objects are harmless unless one of those
 * refers to them.
 */
final class ValidationDataOnly {

    private static final COSName DSS = COSName.getPDFName("DSS");
    private static final COSName EXTENSIONS = COSName.getPDFName("Extensions");
    private static final COSName SIG_FLAGS = COSName.getPDFName("SigFlags");

    private final byte[] pdf;
    /** The whole file, read once for every signature's question; null until asked, or when unreadable. */
    private PDDocument after;

    private String unreadable;

    /** @param pdf the whole file */
    ValidationDataOnly(byte[] pdf) {
        this.pdf = pdf;
    }

    /**
     * @param end where a signed revision ends (its byte range end)
     * @return null when only validation data and document timestamps follow, else what else changed (for logs)
     */
    String changeAfter(int end) {
        if (end >= pdf.length) {
            return null;
        }
        if (after == null && unreadable == null) {
            try {
                after = Loader.loadPDF(pdf);
            } catch (IOException | RuntimeException e) {
                unreadable = "the later revisions cannot be read: " + e.getMessage();
            }
        }
        if (unreadable != null) {
            return unreadable;
        }
        try (PDDocument before = Loader.loadPDF(Arrays.copyOf(pdf, end))) {
            return changes(before, after);
        } catch (IOException | RuntimeException e) {
            return "the later revisions cannot be read: " + e.getMessage();
        }
    }

    /** Lets the whole file go; never throws (it is in memory). */
    void close() {
        if (after != null) {
            try {
                after.close();
            } catch (IOException e) {
                // nothing held outside memory
            }
        }
    }

    private static String changes(PDDocument before, PDDocument after) throws IOException {
        COSDictionary oldTrailer = before.getDocument().getTrailer();
        COSDictionary newTrailer = after.getDocument().getTrailer();
        if (!same(oldTrailer.getItem(COSName.INFO), newTrailer.getItem(COSName.INFO))) {
            return "trailer /Info replaced";
        }
        if (!same(oldTrailer.getItem(COSName.ROOT), newTrailer.getItem(COSName.ROOT))) {
            return "trailer /Root replaced";
        }
        COSDictionary oldCatalog = before.getDocumentCatalog().getCOSObject();
        COSDictionary newCatalog = after.getDocumentCatalog().getCOSObject();
        Set<COSObjectKey> dss = dssObjects(oldCatalog);
        COSObjectKey catalog = key(oldTrailer.getItem(COSName.ROOT));
        COSObjectKey form = key(oldCatalog.getItem(COSName.ACRO_FORM));
        Map<COSObjectKey, Long> oldXref = before.getDocument().getXrefTable();
        Map<COSObjectKey, Long> newXref = after.getDocument().getXrefTable();
        Set<COSObjectKey> pages = new HashSet<>();
        before.getPages().forEach(p -> {
            COSObjectKey k = p.getCOSObject().getKey();
            if (k != null) {
                pages.add(k);
            }
        });
        for (Map.Entry<COSObjectKey, Long> entry : oldXref.entrySet()) {
            COSObjectKey k = entry.getKey();
            if (Objects.equals(entry.getValue(), newXref.get(k))) {
                continue; // not written again
            }
            COSBase old = before.getDocument().getObjectFromPool(k).getObject();
            COSBase now = after.getDocument().getObjectFromPool(k).getObject();
            String problem;
            if (k.equals(catalog)) {
                problem = sameExcept(oldCatalog, newCatalog, Set.of(DSS, EXTENSIONS), "catalog");
            } else if (dss.contains(k)) {
                problem = null;
            } else if (k.equals(form)) {
                problem = onlyTimestampsAdded(old, now, COSName.FIELDS, Set.of(COSName.FIELDS, SIG_FLAGS), "form");
            } else if (pages.contains(k)) {
                problem = onlyTimestampsAdded(old, now, COSName.ANNOTS, Set.of(COSName.ANNOTS), "page");
            } else if (identical(old, now)) {
                problem = null; // written out again unchanged, as PDFBox does with every widget when it signs
            } else {
                problem = "object " + k + " written again";
            }
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    /** Every entry but {@code free} the same in both; null when so, else which one changed. */
    private static String sameExcept(COSDictionary old, COSDictionary now, Set<COSName> free, String what) {
        Set<COSName> keys = new HashSet<>(old.keySet());
        keys.addAll(now.keySet());
        for (COSName key : keys) {
            if (!free.contains(key) && !same(old.getItem(key), now.getItem(key))) {
                return what + " " + key.getName() + " changed";
            }
        }
        return null;
    }

    /**
     * The form or a page written again: nothing changed but {@code free}, and its {@code list} (/Fields,
     * /Annots) only grown by invisible document timestamps.
     */
    private static String onlyTimestampsAdded(
            COSBase oldBase, COSBase newBase, COSName list, Set<COSName> free, String what) {
        if (!(oldBase instanceof COSDictionary old) || !(newBase instanceof COSDictionary now)) {
            return what + " replaced";
        }
        String changed = sameExcept(old, now, free, what);
        return changed != null
                ? changed
                : onlyTimestampsAdded(old.getCOSArray(list), now.getCOSArray(list), what + " " + list.getName());
    }

    /** {@code now} is {@code old} with only invisible document timestamp fields (widgets) appended. */
    private static String onlyTimestampsAdded(COSArray old, COSArray now, String what) {
        List<COSBase> before = old == null ? List.of() : items(old);
        List<COSBase> after = now == null ? List.of() : items(now);
        if (after.size() < before.size()) {
            return what + " removed";
        }
        for (int i = 0; i < before.size(); i++) {
            if (!same(before.get(i), after.get(i))) {
                return what + " replaced";
            }
        }
        for (COSBase added : after.subList(before.size(), after.size())) {
            if (!(deref(added) instanceof COSDictionary field) || !invisibleDocumentTimestamp(field)) {
                return what + " added that is not an invisible document timestamp";
            }
        }
        return null;
    }

    private static boolean invisibleDocumentTimestamp(COSDictionary field) {
        if (!COSName.SIG.equals(field.getCOSName(COSName.FT))
                || !(field.getDictionaryObject(COSName.V) instanceof COSDictionary value)
                || !COSName.DOC_TIME_STAMP.equals(value.getCOSName(COSName.TYPE))) {
            return false;
        }
        COSArray rect = field.getCOSArray(COSName.RECT);
        if (rect == null) {
            return true;
        }
        float[] r = rect.toFloatArray();
        return r.length == 4 && (r[2] - r[0] == 0 || r[3] - r[1] == 0);
    }

    /** The /DSS dictionary of the sealed revision and the dictionaries directly under it (VRI and each entry). */
    private static Set<COSObjectKey> dssObjects(COSDictionary catalog) {
        Set<COSObjectKey> keys = new HashSet<>();
        COSBase dss = catalog.getItem(DSS);
        if (dss == null) {
            return keys;
        }
        addKey(keys, dss);
        if (deref(dss) instanceof COSDictionary dict) {
            COSBase vri = dict.getItem(COSName.getPDFName("VRI"));
            if (vri != null) {
                addKey(keys, vri);
                if (deref(vri) instanceof COSDictionary entries) {
                    entries.getValues().forEach(v -> addKey(keys, v));
                }
            }
            for (COSBase value : dict.getValues()) {
                if (value instanceof COSObject && deref(value) instanceof COSArray) {
                    addKey(keys, value); // an indirect /Certs, /CRLs or /OCSPs array that grows
                }
            }
        }
        return keys;
    }

    private static void addKey(Set<COSObjectKey> keys, COSBase base) {
        COSObjectKey k = key(base);
        if (k != null) {
            keys.add(k);
        }
    }

    private static COSObjectKey key(COSBase base) {
        return base instanceof COSObject object ? object.getKey() : null;
    }

    private static COSBase deref(COSBase base) {
        return base instanceof COSObject object ? object.getObject() : base;
    }

    private static List<COSBase> items(COSArray array) {
        List<COSBase> list = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            list.add(array.get(i));
        }
        return list;
    }

    /** Written again with the same content: a dictionary with the same entries, a stream also with the same bytes. */
    private static boolean identical(COSBase old, COSBase now) throws IOException {
        if (old instanceof COSStream x && now instanceof COSStream y) {
            if (!same(x, y)) {
                return false;
            }
            try (var a = x.createRawInputStream();
                    var b = y.createRawInputStream()) {
                return Arrays.equals(a.readAllBytes(), b.readAllBytes());
            }
        }
        return !(old instanceof COSStream) && !(now instanceof COSStream) && same(old, now);
    }

    /** The same value: the same object for references, else equal structure. */
    static boolean same(COSBase a, COSBase b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof COSObject || b instanceof COSObject) {
            return a instanceof COSObject x && b instanceof COSObject y && Objects.equals(x.getKey(), y.getKey());
        }
        if (a instanceof COSDictionary x && b instanceof COSDictionary y) {
            if (!x.keySet().equals(y.keySet())) {
                return false;
            }
            for (COSName key : x.keySet()) {
                if (!same(x.getItem(key), y.getItem(key))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof COSArray x && b instanceof COSArray y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!same(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }
}
