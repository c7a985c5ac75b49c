package vn.vanthu.document;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.vanthu.document.AccessPolicy.Action;
import vn.vanthu.security.Caller;
import vn.vanthu.system.InvalidInputException;
import vn.vanthu.system.NotFoundException;

/**
 * A document's meeting papers (tài liệu họp): PDF, DOCX, XLSX, ODT, checked by content
 * ({@link PaperTypes}), at most {@code vanthu.papers.max-file-size} each and
 * {@code max-total-size} together. Kept in the database (table {@code attachment}), so that every
 * node serves them. Added and removed only by the drafter while the draft is editable
 * ({@link Action#EDIT_DRAFT}); each change is a history line.
 */
@Service
public class MeetingPapers {

    /** A paper without its bytes. */
    public record Paper(
            Long id,
            Long documentId,
            String name,
            String contentType,
            long size,
            String sha256,
            String uploadedBy,
            Instant uploadedAt) {

        /** "1,2 MB", "340 KB". */
        public String sizeText() {
            return PaperSizes.text(size);
        }
    }

    private final JdbcTemplate jdbc;
    private final DocumentService documents;
    private final AccessPolicy access;
    private final PaperSettings settings;
    private final Clock clock;

    MeetingPapers(
            JdbcTemplate jdbc, DocumentService documents, AccessPolicy access, PaperSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.documents = documents;
        this.access = access;
        this.settings = settings;
        this.clock = clock;
    }

    PaperSettings settings() {
        return settings;
    }

    /** Whether the issue email carries the paper itself, not a link to it ({@code vanthu.papers.attach-up-to}). */
    public boolean attachable(Paper paper) {
        return paper.size() <= settings.attachUpTo().toBytes();
    }

    @Transactional
    public Paper add(Long documentId, String fileName, byte[] content, Caller caller) {
        Document document = documents.get(documentId);
        access.check(caller, Action.EDIT_DRAFT, AccessPolicy.Subject.of(document));
        if (content == null || content.length == 0) {
            throw InvalidInputException.of("file", "Chưa chọn tệp tài liệu, hoặc tệp rỗng.");
        }
        if (content.length > settings.maxFileSize().toBytes()) {
            throw InvalidInputException.of(
                    "file",
                    "Mỗi tài liệu tối đa "
                            + PaperSizes.text(settings.maxFileSize().toBytes()) + ".");
        }
        PaperTypes.Kind kind = PaperTypes.detect(content)
                .orElseThrow(
                        () -> InvalidInputException.of(
                                "file",
                                "Chỉ nhận tài liệu PDF, Word (DOCX), Excel (XLSX) hoặc ODT; nội dung tệp này không phải loại nào trong đó."));
        // one upload at a time per document, so two parallel ones cannot pass the total together
        jdbc.queryForObject("select id from document where id = ? for update", Long.class, documentId);
        long total = jdbc.queryForObject(
                "select coalesce(sum(size_bytes), 0) from attachment where document_id = ?", Long.class, documentId);
        if (total + content.length > settings.maxTotalSize().toBytes()) {
            throw InvalidInputException.of(
                    "file",
                    "Tổng dung lượng tài liệu họp tối đa "
                            + PaperSizes.text(settings.maxTotalSize().toBytes()) + " (đã có " + PaperSizes.text(total)
                            + ").");
        }
        String name = fileName(fileName, kind);
        Instant now = clock.instant();
        jdbc.update(
                """
                insert into attachment (document_id, file_name, content_type, size_bytes, sha256, content, uploaded_by, uploaded_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""",
                documentId,
                name,
                kind.contentType(),
                (long) content.length,
                IssuedFiles.sha256(content),
                content,
                caller.userId(),
                Timestamp.from(now));
        documents.record(documentId, caller.userId(), "PAPER_ADDED", name);
        // the document's row lock is held: the newest paper of the document is this one
        Long id = jdbc.queryForObject("select max(id) from attachment where document_id = ?", Long.class, documentId);
        return find(documentId, id).orElseThrow();
    }

    @Transactional
    public void remove(Long documentId, Long paperId, Caller caller) {
        Document document = documents.get(documentId);
        access.check(caller, Action.EDIT_DRAFT, AccessPolicy.Subject.of(document));
        Paper paper = find(documentId, paperId)
                .orElseThrow(() -> new NotFoundException("Không có tài liệu " + paperId + "."));
        jdbc.update("delete from attachment where id = ? and document_id = ?", paperId, documentId);
        documents.record(documentId, caller.userId(), "PAPER_REMOVED", paper.name());
    }

    public List<Paper> list(Long documentId) {
        return jdbc.query(
                """
                select id, document_id, file_name, content_type, size_bytes, sha256, uploaded_by, uploaded_at
                from attachment where document_id = ? order by id""",
                (rs, i) -> new Paper(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getLong(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getTimestamp(8).toInstant()),
                documentId);
    }

    public Optional<Paper> find(Long documentId, Long paperId) {
        return list(documentId).stream().filter(p -> p.id().equals(paperId)).findFirst();
    }

    public byte[] content(Long paperId) {
        return jdbc.queryForObject("select content from attachment where id = ?", byte[].class, paperId);
    }

    /**
     * The name as given, without folders or control characters, at most 200 characters, ending
     * in the extension of what the content is (a "bao-cao.pdf" that is a DOCX becomes "bao-cao.pdf.docx").
     */
    static String fileName(String given, PaperTypes.Kind kind) {
        String name = given == null ? "" : given;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        StringBuilder clean = new StringBuilder();
        FreeText.normalise(name)
                .codePoints()
                .filter(c -> !Character.isISOControl(c) && c != '"')
                .forEach(clean::appendCodePoint);
        name = clean.toString().strip();
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            name = "tai-lieu";
        }
        String extension = "." + kind.extension();
        if (!name.toLowerCase(Locale.ROOT).endsWith(extension)) {
            name = name + extension;
        }
        if (name.length() > 200) {
            name = name.substring(0, 200 - extension.length()) + extension;
        }
        return name;
    }
}
