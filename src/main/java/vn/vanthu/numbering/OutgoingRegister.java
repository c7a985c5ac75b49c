package vn.vanthu.numbering;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import vn.vanthu.config.OrganisationProperties;

/** Sổ đăng ký văn bản đi: every allocated number, in order, with its document. */
@Repository
public class OutgoingRegister {

    private final JdbcTemplate jdbc;

    OutgoingRegister(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void record(DocumentNumber number, Long documentId, String title, String signer, Instant issuedAt) {
        int year = issuedAt.atZone(OrganisationProperties.VIETNAM).getYear();
        jdbc.update("""
                insert into outgoing_register (doc_type, scope_key, seq, number, document_id, title, signer, issued_at, issue_year)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                number.type(), number.scopeKey(), number.seq(), number.text(), documentId, title, signer,
                Timestamp.from(issuedAt), year);
    }

    /** Marks the document recalled: the public board shows it so, and its PDF is no longer offered. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void markRecalled(Long documentId, String reason) {
        jdbc.update("update outgoing_register set recalled = true, recall_reason = ? where document_id = ?", reason, documentId);
    }

    public java.util.Optional<String> recallReason(Long documentId) {
        return jdbc.query("select recall_reason from outgoing_register where document_id = ?",
                (rs, i) -> rs.getString(1), documentId).stream().filter(java.util.Objects::nonNull).findFirst();
    }

    /** Issued documents of one type and calendar year (Vietnam time), in number order. */
    public List<RegisterEntry> byYear(String type, int year) {
        return jdbc.query("""
                select number, doc_type, seq, document_id, title, signer, issued_at, recalled
                from outgoing_register where doc_type = ? and issue_year = ? order by scope_key, seq""",
                OutgoingRegister::entry, type, year);
    }

    /**
     * One numbering book: the documents of a type in one scope (a year, or a term for types
     * numbered per nhiệm kỳ, whose numbers run on across calendar years), in number order.
     */
    public List<RegisterEntry> byScope(String type, String scopeKey) {
        return jdbc.query("""
                select number, doc_type, seq, document_id, title, signer, issued_at, recalled
                from outgoing_register where doc_type = ? and scope_key = ? order by seq""",
                OutgoingRegister::entry, type, scopeKey);
    }

    /** The first days of the terms in which documents of this type were issued, newest first. */
    public List<java.time.LocalDate> terms(String type) {
        return jdbc.query("select distinct scope_key from outgoing_register where doc_type = ? and scope_key like 'T%'",
                        (rs, i) -> rs.getString(1), type).stream()
                .map(key -> java.time.LocalDate.parse(key.substring(1)))
                .sorted(java.util.Comparator.reverseOrder()).toList();
    }

    /** The newest issued documents of a type, for the public board. */
    public List<RegisterEntry> newest(String type, int limit) {
        return jdbc.query("""
                select number, doc_type, seq, document_id, title, signer, issued_at, recalled
                from outgoing_register where doc_type = ? order by issued_at desc, seq desc limit ?""",
                OutgoingRegister::entry, type, limit);
    }

    /** The register line of one document, if it was issued. */
    public java.util.Optional<RegisterEntry> ofDocument(Long documentId) {
        return jdbc.query("""
                select number, doc_type, seq, document_id, title, signer, issued_at, recalled
                from outgoing_register where document_id = ?""", OutgoingRegister::entry, documentId).stream().findFirst();
    }

    private static RegisterEntry entry(ResultSet rs, int row) throws SQLException {
        return new RegisterEntry(rs.getString("number"), rs.getString("doc_type"), rs.getInt("seq"),
                rs.getLong("document_id"), rs.getString("title"), rs.getString("signer"),
                rs.getTimestamp("issued_at").toInstant().atZone(OrganisationProperties.VIETNAM).toOffsetDateTime(),
                rs.getBoolean("recalled"));
    }
}
