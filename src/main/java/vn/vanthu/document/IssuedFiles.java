package vn.vanthu.document;

import java.util.HexFormat;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The signed PDF of each issued document, stored once. The email attachment, the API and the
 * public board all serve these bytes.
 */
@Repository
public class IssuedFiles {

    private final JdbcTemplate jdbc;

    IssuedFiles(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public String store(Long documentId, byte[] pdf) {
        String sha256 = sha256(pdf);
        jdbc.update("insert into issued_file (document_id, sha256, content) values (?, ?, ?)", documentId, sha256, pdf);
        return sha256;
    }

    public Optional<byte[]> load(Long documentId) {
        return jdbc
                .query("select content from issued_file where document_id = ?", (rs, i) -> rs.getBytes(1), documentId)
                .stream()
                .findFirst();
    }

    /** The document whose issued file has exactly these bytes, if any. */
    public Optional<Long> documentWithHash(String sha256) {
        return jdbc
                .query("select document_id from issued_file where sha256 = ?", (rs, i) -> rs.getLong(1), sha256)
                .stream()
                .findFirst();
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of()
                    .formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
