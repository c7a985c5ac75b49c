package vn.vanthu.numbering;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import vn.vanthu.config.OrganisationProperties;
import vn.vanthu.numbering.spi.DeliveryProgress;

/** Sổ đăng ký văn bản đi: every allocated number, in order, with its document. */
@Repository
public class OutgoingRegister {

    private final JdbcTemplate jdbc;
    private final DeliveryProgress deliveries;

    OutgoingRegister(JdbcTemplate jdbc, DeliveryProgress deliveries) {
        this.jdbc = jdbc;
        this.deliveries = deliveries;
    }

    /**
     * What the register keeps of the document besides number, title and signer.
     *
     * @param urgency           printed level, e.g. "KHẨN"; null when none
     * @param published         goes to the public board
     * @param circulation       e.g. "Lưu hành nội bộ"; null when none
     * @param printedRecipients Nơi nhận lines as printed, without "- " (the archive line is added here)
     * @param copies            copies issued: recipients emailed and the office's copy
     */
    public record Details(
            String urgency, boolean published, String circulation, List<String> printedRecipients, int copies) {}

    @Transactional(propagation = Propagation.MANDATORY)
    public void record(DocumentNumber number, Long documentId, String title, String signer, Instant issuedAt) {
        record(number, documentId, title, signer, issuedAt, new Details(null, true, null, List.of(), 0));
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void record(
            DocumentNumber number, Long documentId, String title, String signer, Instant issuedAt, Details details) {
        int year = issuedAt.atZone(OrganisationProperties.VIETNAM).getYear();
        jdbc.update(
                """
                insert into outgoing_register (doc_type, scope_key, seq, number, document_id, title, signer, issued_at,
                    issue_year, urgency, published, circulation, printed_recipients, copies)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                number.type(),
                number.scopeKey(),
                number.seq(),
                number.text(),
                documentId,
                title,
                signer,
                Timestamp.from(issuedAt),
                year,
                details.urgency(),
                details.published() && details.circulation() == null,
                details.circulation(),
                String.join("\n", details.printedRecipients()),
                details.copies());
    }

    /** Marks the document recalled: the public board shows it so, and its PDF is no longer offered. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void markRecalled(Long documentId, String reason) {
        markRecalled(documentId, reason, null, null, Instant.now());
    }

    /** Recalled with the decision it rests on: who decided, and "Công văn số … ngày …". */
    @Transactional(propagation = Propagation.MANDATORY)
    public void markRecalled(Long documentId, String reason, String decidedBy, String basis, Instant at) {
        jdbc.update("""
                update outgoing_register set recalled = true, recall_reason = ?, recall_decided_by = ?, recall_basis = ?,
                    recalled_at = ? where document_id = ?""", reason, decidedBy, basis, Timestamp.from(at), documentId);
    }

    /** The recall, for the notice to recipients. */
    public java.util.Optional<RegisterEntry.Recall> recall(Long documentId) {
        return ofDocument(documentId).map(RegisterEntry::recall).filter(java.util.Objects::nonNull);
    }

    public java.util.Optional<String> recallReason(Long documentId) {
        return jdbc
                .query(
                        "select recall_reason from outgoing_register where document_id = ?",
                        (rs, i) -> rs.getString(1),
                        documentId)
                .stream()
                .filter(java.util.Objects::nonNull)
                .findFirst();
    }

    /** Issued documents of one type and calendar year (Vietnam time), in number order. */
    public List<RegisterEntry> byYear(String type, int year) {
        return withDeliveries(linesOf(type, year, null));
    }

    /**
     * One numbering book: the documents of a type in one scope (a year, or a term for types
     * numbered per nhiệm kỳ, whose numbers run on across calendar years), in number order.
     */
    public List<RegisterEntry> byScope(String type, String scopeKey) {
        return withDeliveries(linesOf(type, 0, scopeKey));
    }

    /**
     * {@link #byYear} or, with {@code scopeKey}, {@link #byScope} without what the deliveries add
     * (ngày chuyển, ký nhận): for a page that shows a part of the book, which then asks
     * {@link #withDeliveries} for that part alone.
     */
    public List<RegisterEntry> linesOf(String type, int year, String scopeKey) {
        return scopeKey != null
                ? jdbc.query(
                        SELECT + "where r.doc_type = ? and r.scope_key = ? order by r.seq",
                        OutgoingRegister::entry,
                        type,
                        scopeKey)
                : jdbc.query(
                        SELECT + "where r.doc_type = ? and r.issue_year = ? order by r.scope_key, r.seq",
                        OutgoingRegister::entry,
                        type,
                        year);
    }

    /** The first days of the terms in which documents of this type were issued, newest first. */
    public List<java.time.LocalDate> terms(String type) {
        return jdbc
                .query(
                        "select distinct scope_key from outgoing_register where doc_type = ? and scope_key like 'T%'",
                        (rs, i) -> rs.getString(1), type)
                .stream()
                .map(key -> java.time.LocalDate.parse(key.substring(1)))
                .sorted(java.util.Comparator.reverseOrder())
                .toList();
    }

    /** The newest published documents of a type, for the public board: never one that is internal or not published. */
    public List<RegisterEntry> newest(String type, int limit) {
        return withDeliveries(jdbc.query(SELECT + """
                where r.doc_type = ? and r.published = true and r.circulation is null
                order by r.issued_at desc, r.seq desc limit ?""", OutgoingRegister::entry, type, limit));
    }

    /** The register line of a document the public may see: issued, published, not internal. */
    public java.util.Optional<RegisterEntry> published(Long documentId) {
        return ofDocument(documentId).filter(e -> e.published() && e.circulation() == null);
    }

    /** The register line of one document, if it was issued. */
    public java.util.Optional<RegisterEntry> ofDocument(Long documentId) {
        return withDeliveries(jdbc.query(SELECT + "where r.document_id = ?", OutgoingRegister::entry, documentId))
                .stream()
                .findFirst();
    }

    /** The register lines of these documents, by document id (those issued). */
    public java.util.Map<Long, RegisterEntry> ofDocuments(java.util.Collection<Long> documentIds) {
        java.util.Map<Long, RegisterEntry> byDocument = new java.util.HashMap<>();
        if (documentIds.isEmpty()) {
            return byDocument;
        }
        List<RegisterEntry> found = new NamedParameterJdbcTemplate(jdbc)
                .query(
                        SELECT + "where r.document_id in (:ids)",
                        new MapSqlParameterSource("ids", List.copyOf(documentIds)),
                        OutgoingRegister::entry);
        withDeliveries(found).forEach(e -> byDocument.put(e.documentId(), e));
        return byDocument;
    }

    /** The lines with what the deliveries add, asked for the whole list at once. */
    public List<RegisterEntry> withDeliveries(List<RegisterEntry> lines) {
        if (lines.isEmpty()) {
            return lines;
        }
        java.util.Map<Long, DeliveryProgress.Progress> progress = deliveries.ofDocuments(
                lines.stream().map(RegisterEntry::documentId).toList());
        return lines.stream()
                .map(e -> {
                    DeliveryProgress.Progress p = progress.get(e.documentId());
                    return p == null
                            ? e
                            : new RegisterEntry(
                                    e.number(),
                                    e.type(),
                                    e.seq(),
                                    e.documentId(),
                                    e.title(),
                                    e.signer(),
                                    e.issuedAt(),
                                    e.recalled(),
                                    e.urgency(),
                                    e.published(),
                                    e.circulation(),
                                    e.printedRecipients(),
                                    e.copies(),
                                    time(p.firstSent() == null ? null : Timestamp.from(p.firstSent())),
                                    p.confirmed(),
                                    p.deliveries(),
                                    e.recall());
                })
                .toList();
    }

    /** A register line; what the deliveries add (ngày chuyển, ký nhận) is asked of {@link DeliveryProgress}. */
    private static final String SELECT = """
            select r.number, r.doc_type, r.seq, r.document_id, r.title, r.signer, r.issued_at, r.recalled, r.urgency,
                r.published, r.circulation, r.printed_recipients, r.copies, r.recall_reason, r.recall_decided_by,
                r.recall_basis, r.recalled_at
            from outgoing_register r
            """;

    private static RegisterEntry entry(ResultSet rs, int row) throws SQLException {
        String printed = rs.getString("printed_recipients");
        List<String> lines = new java.util.ArrayList<>();
        if (printed != null && !printed.isBlank()) {
            lines.addAll(List.of(printed.split("\n")));
        }
        lines.add("Lưu " + RegisterEntry.FILE_COPY_HOLDER);
        boolean recalled = rs.getBoolean("recalled");
        RegisterEntry.Recall recall = recalled
                ? new RegisterEntry.Recall(
                        rs.getString("recall_reason"),
                        rs.getString("recall_decided_by"),
                        rs.getString("recall_basis"),
                        time(rs.getTimestamp("recalled_at")))
                : null;
        return new RegisterEntry(
                rs.getString("number"),
                rs.getString("doc_type"),
                rs.getInt("seq"),
                rs.getLong("document_id"),
                rs.getString("title"),
                rs.getString("signer"),
                time(rs.getTimestamp("issued_at")),
                recalled,
                rs.getString("urgency"),
                rs.getBoolean("published"),
                rs.getString("circulation"),
                List.copyOf(lines),
                rs.getInt("copies"),
                null,
                0,
                0,
                recall);
    }

    private static java.time.OffsetDateTime time(Timestamp t) {
        return t == null
                ? null
                : t.toInstant().atZone(OrganisationProperties.VIETNAM).toOffsetDateTime();
    }
}
