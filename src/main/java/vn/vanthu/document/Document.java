package vn.vanthu.document;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** A Giấy mời or Kết luận through its whole life; its content is in {@link DocumentVersion}s. */
@Entity
@Table(name = "document")
public class Document {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "doc_type", nullable = false)
    private String type;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private DocumentStatus status;

    @Column(nullable = false)
    private String drafter;

    @Column(nullable = false)
    private String signer;

    @Column(name = "current_version", nullable = false)
    private int currentVersion;

    @Column(name = "process_instance_id")
    private String processInstanceId;

    private String number;

    @Column(name = "issued_at")
    private Instant issuedAt;

    private boolean urgent;

    /** Number, title and body folded for search ({@link SearchText}). */
    @Column(name = "search_text")
    private String searchText;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    /** Two people saving or deciding at once: the second gets a 409, not a lost update. */
    @Version
    @Column(name = "lock_version")
    private long lockVersion;

    protected Document() {}

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
