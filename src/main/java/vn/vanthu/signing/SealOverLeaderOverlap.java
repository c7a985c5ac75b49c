package vn.vanthu.signing;

import eu.europa.esig.dss.pdf.PdfAnnotation;
import eu.europa.esig.dss.pdf.PdfDocumentReader;
import eu.europa.esig.dss.pdf.modifications.CommonPdfModification;
import eu.europa.esig.dss.pdf.modifications.DefaultPdfDifferencesFinder;
import eu.europa.esig.dss.pdf.modifications.PdfModification;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * DSS's check for annotations that overlap (one may hide another, or hide signed content), less the one
 * overlap Phụ lục I of Nghị định 30/2020 draws on purpose: the organisation's seal over the left third of
 * the leader's signature. Both fields exist, empty, in the text the leader certifies ({@link
 * SignatureFields}), so nobody can add that pair afterwards; every other overlap counts, and the
 * validation policy fails on it (a shadow signature, an annotation painted over the number).
 */
final class SealOverLeaderOverlap extends DefaultPdfDifferencesFinder {

    /** The pair by field name; also DSS's default names, which documents issued before the fields existed carry. */
    private static final List<Set<String>> ALLOWED =
            List.of(Set.of(SignatureFields.LEADER, SignatureFields.SEAL), Set.of("Signature1", "Signature2"));

    @Override
    public List<PdfModification> getAnnotationOverlaps(PdfDocumentReader reader) {
        List<PdfModification> overlaps = new ArrayList<>();
        for (int page = 1; page <= reader.getNumberOfPages(); page++) {
            List<PdfAnnotation> annotations;
            try {
                annotations = reader.getPdfAnnotations(page);
            } catch (IOException e) {
                // unreadable annotations: DSS's own finder skips the page too; the other checks still run
                continue;
            }
            if (overlapsOnPage(annotations)) {
                overlaps.add(new CommonPdfModification(page));
            }
        }
        return overlaps;
    }

    static boolean overlapsOnPage(List<PdfAnnotation> annotations) {
        for (int i = 0; i < annotations.size(); i++) {
            PdfAnnotation a = annotations.get(i);
            if (invisible(a)) {
                continue;
            }
            for (int j = i + 1; j < annotations.size(); j++) {
                PdfAnnotation b = annotations.get(j);
                if (!invisible(b) && a.getAnnotationBox().isOverlap(b) && !allowed(a, b)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean invisible(PdfAnnotation a) {
        return a.getAnnotationBox().getWidth() == 0 || a.getAnnotationBox().getHeight() == 0;
    }

    private static boolean allowed(PdfAnnotation a, PdfAnnotation b) {
        return a.getName() != null
                && b.getName() != null
                && ALLOWED.stream().anyMatch(pair -> pair.equals(Set.of(a.getName(), b.getName())));
    }
}
