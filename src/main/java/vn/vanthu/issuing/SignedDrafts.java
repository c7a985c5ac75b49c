package vn.vanthu.issuing;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import vn.vanthu.document.IssuedFiles;
import vn.vanthu.rendering.RenderedPdf;

/** The leaders' signed texts awaiting their number and seal ({@code signed_draft}). */
@Repository
class SignedDrafts {

    record SignedDraft(
            Long documentId,
            int versionNo,
            String signer,
            Instant signedAt,
            byte[] pdf,
            RenderedPdf.Area signerArea,
            RenderedPdf.Area imageArea) {}

    private final JdbcTemplate jdbc;

    SignedDrafts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One per version: a second signature of the same version is a conflict (double click, two nodes). */
    void store(SignedDraft draft) {
        jdbc.update(
                """
                insert into signed_draft (document_id, version_no, signer, signed_at, sha256, signer_area, image_area, content)
                values (?, ?, ?, ?, ?, ?, ?, ?)""",
                draft.documentId(),
                draft.versionNo(),
                draft.signer(),
                Timestamp.from(draft.signedAt()),
                IssuedFiles.sha256(draft.pdf()),
                area(draft.signerArea()),
                area(draft.imageArea()),
                draft.pdf());
    }

    /** A refused signed text goes, so that the leader can sign the version again. */
    void delete(Long documentId, int versionNo) {
        jdbc.update("delete from signed_draft where document_id = ? and version_no = ?", documentId, versionNo);
    }

    Optional<SignedDraft> find(Long documentId, int versionNo) {
        return jdbc
                .query(
                        """
                select signer, signed_at, sha256, signer_area, image_area, content from signed_draft
                where document_id = ? and version_no = ?""",
                        (rs, i) -> {
                            byte[] pdf = rs.getBytes("content");
                            if (!IssuedFiles.sha256(pdf).equals(rs.getString("sha256"))) {
                                throw new IllegalStateException(
                                        "signed_draft of document " + documentId + " does not match its hash");
                            }
                            return new SignedDraft(
                                    documentId,
                                    versionNo,
                                    rs.getString("signer"),
                                    rs.getTimestamp("signed_at").toInstant(),
                                    pdf,
                                    area(rs.getString("signer_area")),
                                    area(rs.getString("image_area")));
                        },
                        documentId,
                        versionNo)
                .stream()
                .findFirst();
    }

    static String area(RenderedPdf.Area a) {
        return a.page() + "," + a.x() + "," + a.y() + "," + a.width() + "," + a.height();
    }

    static RenderedPdf.Area area(String s) {
        String[] p = s.split(",");
        return new RenderedPdf.Area(
                Integer.parseInt(p[0]),
                Float.parseFloat(p[1]),
                Float.parseFloat(p[2]),
                Float.parseFloat(p[3]),
                Float.parseFloat(p[4]));
    }
}
