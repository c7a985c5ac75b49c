package vn.vanthu.issuing;

import java.security.cert.X509Certificate;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import vn.vanthu.rendering.RenderedPdf;
import vn.vanthu.signing.SigningCertificatePaths;

/** Leaders' two-step signatures with their own token ({@code client_sign_request}). */
@Repository
class ClientSignRequests {

    enum State {
        PENDING,
        COMPLETED
    }

    record Request(
            String requestId,
            String taskId,
            Long documentId,
            int versionNo,
            String signer,
            State state,
            Instant signingTime,
            Instant expiresAt,
            List<X509Certificate> chain,
            byte[] dataToSign,
            RenderedPdf.Area signerArea,
            byte[] image,
            byte[] pdf) {}

    private final JdbcTemplate jdbc;

    ClientSignRequests(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Request r) {
        jdbc.update(
                """
                insert into client_sign_request (request_id, task_id, document_id, version_no, signer, status,
                    signing_time, expires_at, chain, data_to_sign, signer_area, image, content)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                r.requestId(),
                r.taskId(),
                r.documentId(),
                r.versionNo(),
                r.signer(),
                r.state().name(),
                Timestamp.from(r.signingTime()),
                Timestamp.from(r.expiresAt()),
                SigningCertificatePaths.encode(r.chain()),
                r.dataToSign(),
                SignedDrafts.area(r.signerArea()),
                r.image(),
                r.pdf());
    }

    Optional<Request> find(String requestId) {
        return jdbc
                .query(
                        """
                select task_id, document_id, version_no, signer, status, signing_time, expires_at, chain, data_to_sign,
                    signer_area, image, content
                from client_sign_request where request_id = ?""",
                        (rs, i) -> new Request(
                                requestId,
                                rs.getString("task_id"),
                                rs.getLong("document_id"),
                                rs.getInt("version_no"),
                                rs.getString("signer"),
                                State.valueOf(rs.getString("status")),
                                rs.getTimestamp("signing_time").toInstant(),
                                rs.getTimestamp("expires_at").toInstant(),
                                SigningCertificatePaths.decode(rs.getBytes("chain")),
                                rs.getBytes("data_to_sign"),
                                SignedDrafts.area(rs.getString("signer_area")),
                                rs.getBytes("image"),
                                rs.getBytes("content")),
                        requestId)
                .stream()
                .findFirst();
    }

    /** PENDING → COMPLETED; false when another call completed it first (the row lock decides). */
    boolean complete(String requestId) {
        return jdbc.update(
                        "update client_sign_request set status = ? where request_id = ? and status = ?",
                        State.COMPLETED.name(),
                        requestId,
                        State.PENDING.name())
                == 1;
    }

    /** The document's requests that were never used and can no longer be: their PDFs are dead weight. */
    void deleteExpired(Long documentId, Instant now) {
        jdbc.update(
                "delete from client_sign_request where document_id = ? and status = ? and expires_at <= ?",
                documentId,
                State.PENDING.name(),
                Timestamp.from(now));
    }
}
