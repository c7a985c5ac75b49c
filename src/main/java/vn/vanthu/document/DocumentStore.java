package vn.vanthu.document;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The tables {@code document}, {@code document_version} (with {@code version_recipient}) and
 * {@code document_event}, in plain SQL. Three tables did not need an ORM, and Hibernate's boot was
 * an eighth of the application's start-up (docs/benchmarks.md).
 *
 * <p>Nothing is written behind the caller's back: {@link DocumentService} saves a document after
 * each change. A save that finds the row changed since it was read throws
 * {@link OptimisticLockingFailureException} — two people saving or deciding at once, the second gets
 * a 409.
 */
@Repository
class DocumentStore {

    private static final String DOCUMENT_COLUMNS = """
            id, doc_type, status, drafter, signer, current_version, process_instance_id, number,
            issued_at, urgent, search_text, created_at, updated_at, lock_version""";

    /** A version's columns but its id, in the order {@link #insert(DocumentVersion)} gives them. */
    private static final List<String> VERSION_COLUMNS = List.of(
            "document_id",
            "version_no",
            "title",
            "body",
            "signer",
            "meeting_start",
            "meeting_end",
            "location",
            "chair",
            "invitees",
            "preparation",
            "contact",
            "urgency",
            "publish",
            "circulation",
            "printed_recipients",
            "consultees",
            "recipient_groups",
            "reply_by",
            "allow_substitute",
            "created_by",
            "created_at");

    private final JdbcClient jdbc;

    DocumentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // --- document

    /** What a save writes, in the order of {@link #state}; the rest is fixed at creation. */
    private static final List<String> STATE = List.of(
            "status",
            "signer",
            "current_version",
            "process_instance_id",
            "number",
            "issued_at",
            "urgent",
            "search_text",
            "updated_at",
            "listed_at");

    // the statements, made once from the column lists
    private static final String INSERT_DOCUMENT = "insert into document (doc_type, drafter, created_at, "
            + String.join(", ", STATE) + ", lock_version) values (?, ?, ?, " + marks(STATE.size()) + ", 0)";
    private static final String UPDATE_DOCUMENT = "update document set " + String.join(" = ?, ", STATE)
            + " = ?, lock_version = lock_version + 1 where id = ? and lock_version = ?";
    private static final String INSERT_VERSION = "insert into document_version (" + String.join(", ", VERSION_COLUMNS)
            + ") values (" + marks(VERSION_COLUMNS.size()) + ")";
    private static final String SELECT_VERSIONS = "select v.id, v." + String.join(", v.", VERSION_COLUMNS)
            + ", r.name r_name, r.email r_email from document_version v"
            + " left join version_recipient r on r.version_id = v.id ";

    private static List<Object> state(Document d) {
        return java.util.Arrays.asList(
                d.getStatus().name(),
                d.getSigner(),
                d.getCurrentVersion(),
                d.getProcessInstanceId(),
                d.getNumber(),
                utc(d.getIssuedAt()),
                d.isUrgent(),
                d.searchText(),
                utc(d.getUpdatedAt()),
                // the lists' order (V54): the issue time, else the last change; a column so an index serves it
                utc(d.getIssuedAt() != null ? d.getIssuedAt() : d.getUpdatedAt()));
    }

    /** Inserts a new document and gives it its id. */
    Document insert(Document d) {
        List<Object> params = new ArrayList<>(List.of(d.getType(), d.getDrafter(), utc(d.getCreatedAt())));
        params.addAll(state(d));
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql(INSERT_DOCUMENT).params(params).update(key, "id");
        d.stored(key.getKey().longValue(), 0);
        return d;
    }

    /** Writes the document's state, if nobody changed the row since it was read. */
    void update(Document d) {
        List<Object> params = new ArrayList<>(state(d));
        params.add(d.getId());
        params.add(d.lockVersion());
        int rows = jdbc.sql(UPDATE_DOCUMENT).params(params).update();
        if (rows != 1) {
            throw new OptimisticLockingFailureException(
                    "document " + d.getId() + " was changed by someone else since version " + d.lockVersion());
        }
        d.stored(d.getId(), d.lockVersion() + 1);
    }

    Optional<Document> find(long id) {
        return jdbc.sql("select " + DOCUMENT_COLUMNS + " from document where id = ?")
                .param(id)
                .query(DocumentStore::document)
                .optional();
    }

    private static Document document(ResultSet rs, int row) throws SQLException {
        return Document.restore(
                rs.getLong("id"),
                rs.getString("doc_type"),
                DocumentStatus.valueOf(rs.getString("status")),
                rs.getString("drafter"),
                rs.getString("signer"),
                rs.getInt("current_version"),
                rs.getString("process_instance_id"),
                rs.getString("number"),
                instant(rs, "issued_at"),
                rs.getBoolean("urgent"),
                rs.getString("search_text"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                rs.getLong("lock_version"));
    }

    // --- versions (never updated)

    void insert(DocumentVersion v) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql(INSERT_VERSION)
                .params(
                        v.getDocumentId(),
                        v.getVersionNo(),
                        v.title,
                        v.body,
                        v.signer,
                        utc(v.meetingStart),
                        utc(v.meetingEnd),
                        v.location,
                        v.chair,
                        v.invitees,
                        v.preparation,
                        v.contact,
                        v.urgency,
                        v.publish,
                        v.circulation,
                        v.printedRecipients,
                        v.consultees,
                        v.recipientGroups,
                        utc(v.replyBy),
                        v.allowSubstitute,
                        v.getCreatedBy(),
                        utc(v.getCreatedAt()))
                .update(key, "id");
        long versionId = key.getKey().longValue();
        List<Recipient> recipients = v.getRecipients();
        for (int i = 0; i < recipients.size(); i++) {
            jdbc.sql("insert into version_recipient (version_id, position, name, email) values (?, ?, ?, ?)")
                    .params(
                            versionId,
                            i,
                            recipients.get(i).getName(),
                            recipients.get(i).getEmail())
                    .update();
        }
    }

    Optional<DocumentVersion> findVersion(long documentId, int versionNo) {
        return versions("where v.document_id = ? and v.version_no = ?", documentId, versionNo).stream()
                .findFirst();
    }

    List<DocumentVersion> versions(long documentId) {
        return versions("where v.document_id = ?", documentId);
    }

    /** The versions with their recipients, in one query (ordered by version, then position). */
    private List<DocumentVersion> versions(String where, Object... params) {
        Map<Long, DocumentVersion> found = new LinkedHashMap<>();
        Map<Long, List<Recipient>> recipients = new LinkedHashMap<>();
        jdbc.sql(SELECT_VERSIONS + where + " order by v.version_no, r.position")
                .params(params)
                .query(rs -> {
                    long id = rs.getLong("id");
                    if (!found.containsKey(id)) {
                        found.put(id, version(rs));
                        recipients.put(id, new ArrayList<>());
                    }
                    String name = rs.getString("r_name");
                    if (name != null) {
                        recipients.get(id).add(new Recipient(name, rs.getString("r_email")));
                    }
                });
        found.forEach((id, v) -> v.recipients = recipients.get(id));
        return List.copyOf(found.values());
    }

    private static DocumentVersion version(ResultSet rs) throws SQLException {
        DocumentVersion v = new DocumentVersion();
        v.documentId = rs.getLong("document_id");
        v.versionNo = rs.getInt("version_no");
        v.title = rs.getString("title");
        v.body = rs.getString("body");
        v.signer = rs.getString("signer");
        v.meetingStart = instant(rs, "meeting_start");
        v.meetingEnd = instant(rs, "meeting_end");
        v.location = rs.getString("location");
        v.chair = rs.getString("chair");
        v.invitees = rs.getString("invitees");
        v.preparation = rs.getString("preparation");
        v.contact = rs.getString("contact");
        v.urgency = rs.getString("urgency");
        v.publish = rs.getBoolean("publish");
        v.circulation = rs.getString("circulation");
        v.printedRecipients = rs.getString("printed_recipients");
        v.consultees = rs.getString("consultees");
        v.recipientGroups = rs.getString("recipient_groups");
        v.replyBy = instant(rs, "reply_by");
        v.allowSubstitute = rs.getBoolean("allow_substitute");
        v.createdBy = rs.getString("created_by");
        v.createdAt = instant(rs, "created_at");
        return v;
    }

    // --- history (never updated)

    void insert(DocumentEvent e) {
        jdbc.sql("""
                        insert into document_event (document_id, occurred_at, actor, action, version_no, comment)
                        values (?, ?, ?, ?, ?, ?)""")
                .params(
                        e.documentId(),
                        utc(e.getOccurredAt()),
                        e.getActor(),
                        e.getAction(),
                        e.getVersionNo(),
                        e.getComment())
                .update();
    }

    /** The documents waiting for this leader's signature (status AWAITING_SIGNATURE), oldest first. */
    List<Long> awaitingSignatureOf(String signer) {
        return jdbc.sql("select id from document where status = 'AWAITING_SIGNATURE' and signer = ? order by id")
                .param(signer)
                .query(Long.class)
                .list();
    }

    List<DocumentEvent> events(long documentId) {
        return jdbc.sql("""
                        select document_id, occurred_at, actor, action, version_no, comment from document_event
                        where document_id = ? order by occurred_at, id""")
                .param(documentId)
                .query((rs, row) -> new DocumentEvent(
                        rs.getLong("document_id"),
                        instant(rs, "occurred_at"),
                        rs.getString("actor"),
                        rs.getString("action"),
                        (Integer) rs.getObject("version_no", Integer.class),
                        rs.getString("comment")))
                .list();
    }

    private static String marks(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }

    // --- instants as timestamp with time zone, the same on H2 and PostgreSQL

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
