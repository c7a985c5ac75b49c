package vn.vanthu.issuing;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Service;
import vn.vanthu.config.OrganisationProperties;
import vn.vanthu.directory.Directory;
import vn.vanthu.directory.Signer;
import vn.vanthu.document.Document;
import vn.vanthu.document.DocumentService;
import vn.vanthu.rendering.DocumentRenderer;
import vn.vanthu.rendering.DocumentSheet;

/** The document as the leader will sign it (number and date blank), for the pages, with recent ones kept. */
@Service
public class DocumentPreviews {

    /** What a preview depends on: a version's content, its signer and how the signer is printed. */
    private record PreviewKey(Long documentId, int version, String signer, String position, String name) {}

    private final DocumentService documents;
    private final Directory directory;
    private final DocumentRenderer renderer;
    private final DocumentSheets sheets;
    private final Clock clock;

    /**
     * Recent previews, newest kept: a version never changes, so its preview is rendered once, not on
     * every open of the document and task pages (rendering took seconds under load). Bounded: 64
     * previews of ~100 KB.
     */
    private final Map<PreviewKey, byte[]> previews = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<PreviewKey, byte[]> eldest) {
            return size() > 64;
        }
    });

    DocumentPreviews(
            DocumentService documents,
            Directory directory,
            DocumentRenderer renderer,
            DocumentSheets sheets,
            Clock clock) {
        this.documents = documents;
        this.directory = directory;
        this.renderer = renderer;
        this.sheets = sheets;
        this.clock = clock;
    }

    /** The document as the leader will sign it (number and date blank): for the previews. */
    public byte[] preview(Long documentId) {
        Document document = documents.get(documentId);
        Signer leader = directory
                .signer(document.getSigner())
                .orElseThrow(() -> new IllegalStateException("signer " + document.getSigner() + " is not a signer"));
        PreviewKey key = new PreviewKey(
                documentId,
                document.getCurrentVersion(),
                leader.userId(),
                leader.position(),
                sheets.signerName(leader));
        byte[] cached = previews.get(key);
        if (cached != null) {
            return cached;
        }
        LocalDate day = clock.instant().atZone(OrganisationProperties.VIETNAM).toLocalDate();
        // marked DỰ THẢO (36-HD), number and date blank: what the leader signs has no such mark
        DocumentSheet sheet =
                sheets.unnumbered(document, documents.currentVersion(document).content(), leader, day);
        byte[] pdf = renderer.render(sheet.withMarks(sheet.marks().asDraft())).pdf();
        previews.put(key, pdf);
        return pdf;
    }
}
