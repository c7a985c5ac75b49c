package vn.vanthu.document;

import java.time.Instant;

/** A document of a configured type (Giấy mời, Kết luận, Thông báo…) through its whole life; its content is in {@link DocumentVersion}s. */
public class Document {

    private Long id;

    private String type;

    private DocumentStatus status;

    private String drafter;

    private String signer;

    private int currentVersion;

    private String processInstanceId;

    private String number;

    private Instant issuedAt;

    private boolean urgent;

    /** Number, title and body folded for search ({@link SearchText}). */
    private String searchText;

    private Instant createdAt;

    private Instant updatedAt;

    /** Two people saving or deciding at once: the second gets a 409, not a lost update. */
    private long lockVersion;

    private Document() {}

    /** A document as {@link DocumentStore} read it. */
    static Document restore(
            long id,
            String type,
            DocumentStatus status,
            String drafter,
            String signer,
            int currentVersion,
            String processInstanceId,
            String number,
            Instant issuedAt,
            boolean urgent,
            String searchText,
            Instant createdAt,
            Instant updatedAt,
            long lockVersion) {
        Document d = new Document();
        d.id = id;
        d.type = type;
        d.status = status;
        d.drafter = drafter;
        d.signer = signer;
        d.currentVersion = currentVersion;
        d.processInstanceId = processInstanceId;
        d.number = number;
        d.issuedAt = issuedAt;
        d.urgent = urgent;
        d.searchText = searchText;
        d.createdAt = createdAt;
        d.updatedAt = updatedAt;
        d.lockVersion = lockVersion;
        return d;
    }

    /** Saved by {@link DocumentStore}: its id, and the row version the next save must find. */
    void stored(long id, long lockVersion) {
        this.id = id;
        this.lockVersion = lockVersion;
    }

    long lockVersion() {
        return lockVersion;
    }

    String searchText() {
        return searchText;
    }

    Document(String type, String drafter, String signer, Instant now) {
        this.type = type;
        this.drafter = drafter;
        this.signer = signer;
        this.status = DocumentStatus.DRAFT;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public Long getId() {
        return id;
    }

    public String getType() {
        return type;
    }

    public DocumentStatus getStatus() {
        return status;
    }

    public String getDrafter() {
        return drafter;
    }

    public String getSigner() {
        return signer;
    }

    public int getCurrentVersion() {
        return currentVersion;
    }

    public String getProcessInstanceId() {
        return processInstanceId;
    }

    public String getNumber() {
        return number;
    }

    public Instant getIssuedAt() {
        return issuedAt;
    }

    public boolean isUrgent() {
        return urgent;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    void newVersion(int versionNo, String signer, boolean urgent, Instant now) {
        this.currentVersion = versionNo;
        this.signer = signer;
        this.urgent = urgent;
        this.updatedAt = now;
    }

    void index(String searchText) {
        this.searchText = searchText;
    }

    void changeStatus(DocumentStatus status, Instant now) {
        this.status = status;
        this.updatedAt = now;
    }

    /** Another leader signs this version in the signer's stead (their absence); the content keeps the chosen one. */
    void handSigningTo(String deputy, Instant now) {
        this.signer = deputy;
        this.updatedAt = now;
    }

    void attachProcess(String processInstanceId) {
        this.processInstanceId = processInstanceId;
    }

    void issued(String number, Instant issuedAt, boolean urgent) {
        this.number = number;
        this.issuedAt = issuedAt;
        this.urgent = urgent;
        this.status = DocumentStatus.ISSUED;
        this.updatedAt = issuedAt;
    }
}
