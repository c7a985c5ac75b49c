package vn.vanthu.issuing;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import vn.vanthu.rendering.RenderedPdf;

/** The leaders' signatures waiting on a remote signing service ({@code remote_sign_request}). */
@Repository
class RemoteSignRequests {

    enum State {
        PENDING,
        SIGNED,
        DENIED,
        EXPIRED,
        TIMED_OUT,
        CANCELLED,
        FAILED
    }

    record Request(
            Long documentId,
            int versionNo,
            String signer,
            String requestId,
            State state,
            Instant signingTime,
            Instant deadline,
            String digest,
            RenderedPdf.Area signerArea,
            int failures,
            byte[] image,
            byte[] pdf) {}

    private final JdbcTemplate jdbc;

    RemoteSignRequests(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A new request for the version replaces one that has ended (denied, timed out …). */
    void replace(Request r) {
        jdbc.update(
                "delete from remote_sign_request where document_id = ? and version_no = ?",
                r.documentId(),
                r.versionNo());
        jdbc.update(
                """
                insert into remote_sign_request (document_id, version_no, signer, request_id, status, signing_time,
                    deadline, digest, signer_area, failures, image, content)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)""",
                r.documentId(),
                r.versionNo(),
                r.signer(),
                r.requestId(),
                r.state().name(),
                Timestamp.from(r.signingTime()),
                Timestamp.from(r.deadline()),
                r.digest(),
                SignedDrafts.area(r.signerArea()),
                r.image(),
                r.pdf());
    }

    Optional<Request> find(Long documentId, int versionNo) {
        return jdbc
                .query(
                        """
                select signer, request_id, status, signing_time, deadline, digest, signer_area, failures, image, content
                from remote_sign_request where document_id = ? and version_no = ?""",
                        (rs, i) -> new Request(
                                documentId,
                                versionNo,
                                rs.getString("signer"),
                                rs.getString("request_id"),
                                State.valueOf(rs.getString("status")),
                                rs.getTimestamp("signing_time").toInstant(),
                                rs.getTimestamp("deadline").toInstant(),
                                rs.getString("digest"),
                                SignedDrafts.area(rs.getString("signer_area")),
                                rs.getInt("failures"),
                                rs.getBytes("image"),
                                rs.getBytes("content")),
                        documentId,
                        versionNo)
                .stream()
                .findFirst();
    }

    /**
     * Moves a PENDING request to its end state; false when it had already ended. The row lock
     * decides between a poll and the leader's cancel, and makes a second APPROVED answer a no-op.
     */
    boolean end(Long documentId, int versionNo, State to) {
        return jdbc.update(
                        "update remote_sign_request set status = ? where document_id = ? and version_no = ? and status = ?",
                        to.name(),
                        documentId,
                        versionNo,
                        State.PENDING.name())
                == 1;
    }

    /** One more poll that could not reach the service; returns how many in a row. */
    int failed(Long documentId, int versionNo) {
        jdbc.update(
                "update remote_sign_request set failures = failures + 1 where document_id = ? and version_no = ?",
                documentId,
                versionNo);
        return jdbc.queryForObject(
                "select failures from remote_sign_request where document_id = ? and version_no = ?",
                Integer.class,
                documentId,
                versionNo);
    }

    void reachable(Long documentId, int versionNo) {
        jdbc.update(
                "update remote_sign_request set failures = 0 where document_id = ? and version_no = ? and failures > 0",
                documentId,
                versionNo);
    }
}
