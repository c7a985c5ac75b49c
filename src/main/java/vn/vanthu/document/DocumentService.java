package vn.vanthu.document;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import vn.vanthu.config.OrganisationProperties;
import vn.vanthu.document.AccessPolicy.Action;
import vn.vanthu.document.spi.StepHolders;
import vn.vanthu.security.Caller;
import vn.vanthu.system.InvalidInputException;
import vn.vanthu.system.NotFoundException;

/** Drafts, their versions and their history. Every change of content writes a new version. */
@Service
public class DocumentService {

    /** The history action of {@link #handSigningTo}: a deputy signs for an absent leader. */
    public static final String SIGNING_DELEGATED = "SIGNING_DELEGATED";

    private final DocumentStore store;
    private final DraftValidator validator;
    private final OrganisationProperties settings;
    private final Clock clock;
    private final int minWorkingDays;
    private final AccessPolicy access;
    private final CalendarProperties calendar;
    private final org.springframework.beans.factory.ObjectProvider<StepHolders> stepHolders;

    DocumentService(
            DocumentStore store,
            DraftValidator validator,
            OrganisationProperties settings,
            Clock clock,
            AccessPolicy access,
            InvitationProperties invitation,
            CalendarProperties calendar,
            org.springframework.beans.factory.ObjectProvider<StepHolders> stepHolders) {
        this.calendar = calendar;
        this.stepHolders = stepHolders;
        this.store = store;
        this.validator = validator;
        this.settings = settings;
        this.clock = clock;
        this.minWorkingDays = invitation.minWorkingDays();
        this.access = access;
    }

    @Transactional
    public Document create(DraftRequest request, Caller caller) {
        access.check(caller, Action.CREATE_DRAFT);
        String type = request.type() == null ? null : request.type().trim().toUpperCase();
        validator.checkType(type);
        DraftContent content = validator.validate(type, request);
        Instant now = clock.instant();
        Document document = store.insert(new Document(type, caller.userId(), content.signer(), now));
        addVersion(document, content, caller.userId(), now);
        record(document.getId(), caller.userId(), "CREATED", null);
        return document;
    }

    /** Edit a draft that is DRAFT or RETURNED: changed content becomes a new version, the same content none. */
    @Transactional
    public Document edit(Long id, DraftRequest request, Caller caller) {
        Document document = get(id);
        access.check(caller, Action.EDIT_DRAFT, AccessPolicy.Subject.of(document));
        if (request.type() != null && !request.type().trim().equalsIgnoreCase(document.getType())) {
            throw InvalidInputException.of("type", "Không đổi được loại văn bản của một dự thảo đã tạo.");
        }
        DraftContent content = validator.validate(document.getType(), request);
        // compared as stored (a version's columns), so an empty list and no list are the same content
        DraftContent asStored =
                new DocumentVersion(document.getId(), 0, content, caller.userId(), clock.instant()).content();
        if (asStored.equals(currentVersion(document).content())) {
            // "save and submit" with nothing changed: no empty version in the history
            return document;
        }
        addVersion(document, content, caller.userId(), clock.instant());
        record(document.getId(), caller.userId(), "EDITED", null);
        return document;
    }

    private void addVersion(Document document, DraftContent content, String author, Instant now) {
        int next = document.getCurrentVersion() + 1;
        store.insert(new DocumentVersion(document.getId(), next, content, author, now));
        document.newVersion(next, content.signer(), isUrgent(document.getType(), content, now), now);
        document.index(SearchText.of(document.getNumber(), content.title(), content.body()));
        store.update(document);
    }

    @Transactional(readOnly = true)
    public Document get(Long id) {
        return find(id).orElseThrow(() -> new NotFoundException("Không có văn bản số hiệu nội bộ " + id + "."));
    }

    @Transactional(readOnly = true)
    public Optional<Document> find(Long id) {
        return id == null ? Optional.empty() : store.find(id);
    }

    @Transactional(readOnly = true)
    /**
     * The document as the rules see it for reading: with everyone who holds a step of its route now
     * or acted on one before (a deputy reviewer, a consulted board, a leader signing in another's stead).
     */
    public AccessPolicy.Subject readers(Document document) {
        AccessPolicy.Subject subject = AccessPolicy.Subject.of(document);
        if (document.getStatus() == DocumentStatus.ISSUED || document.getStatus() == DocumentStatus.RECALLED) {
            return subject; // every staff member reads these
        }
        AccessPolicy.Holders open =
                stepHolders.getIfAvailable(() -> StepHolders.NONE).openSteps(document.getId());
        java.util.Set<String> users = new java.util.HashSet<>(open.users());
        history(document.getId()).forEach(e -> users.add(e.getActor()));
        return subject.heldBy(new AccessPolicy.Holders(users, open.groups()));
    }

    /** The staff the current version asks for an opinion (a consultation route's multi-instance). */
    public List<String> consultees(Long documentId) {
        return currentVersion(get(documentId)).content().consultees();
    }

    public DocumentVersion currentVersion(Document document) {
        return store.findVersion(document.getId(), document.getCurrentVersion())
                .orElseThrow(
                        () -> new IllegalStateException("document " + document.getId() + " has no current version"));
    }

    @Transactional(readOnly = true)
    public List<DocumentVersion> versions(Long documentId) {
        return store.versions(documentId);
    }

    @Transactional(readOnly = true)
    public List<DocumentEvent> history(Long documentId) {
        return store.events(documentId);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void record(Long documentId, String actor, String action, String comment) {
        Document document = get(documentId);
        store.insert(
                new DocumentEvent(documentId, clock.instant(), actor, action, document.getCurrentVersion(), comment));
    }

    /**
     * The leader chosen to sign is away: {@code deputy} becomes the document's signer, so the
     * signature, the name and the authority lines printed above it (vanthu.rules.signers, read for the
     * document's signer) are the deputy's; the history says so ({@link #SIGNING_DELEGATED}). Only while
     * the document awaits a signature; the version's content keeps the signer the drafter chose, and a
     * resubmitted version goes to that one again.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void handSigningTo(Long documentId, String deputy, String actor, String reason) {
        Document document = get(documentId);
        if (document.getStatus() != DocumentStatus.AWAITING_SIGNATURE) {
            throw new IllegalStateException(
                    "document " + documentId + " is " + document.getStatus() + ", not awaiting a signature");
        }
        document.handSigningTo(deputy, clock.instant());
        store.update(document);
        record(documentId, actor, SIGNING_DELEGATED, reason);
    }

    /** The documents waiting for this leader's signature now. */
    @Transactional(readOnly = true)
    public List<Long> awaitingSignatureOf(String signer) {
        return store.awaitingSignatureOf(signer);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void changeStatus(Long documentId, DocumentStatus status) {
        Document document = get(documentId);
        document.changeStatus(status, clock.instant());
        store.update(document);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void attachProcess(Long documentId, String processInstanceId) {
        Document document = get(documentId);
        document.attachProcess(processInstanceId);
        store.update(document);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void markIssued(Long documentId, String number, Instant issuedAt) {
        Document document = get(documentId);
        DraftContent content = currentVersion(document).content();
        document.issued(number, issuedAt, isUrgent(document.getType(), content, issuedAt));
        document.index(SearchText.of(number, content.title(), content.body()));
        store.update(document);
    }

    /** Warnings for the drafter about the current content (empty when nothing is wrong). */
    public List<String> warnings(Document document, DraftContent content) {
        List<String> warnings = new java.util.ArrayList<>();
        boolean late = document.getStatus() == DocumentStatus.ISSUED
                ? document.isUrgent()
                : isUrgent(document.getType(), content, clock.instant());
        if (late) {
            String head = settings.label(document.getType()) + " đến người nhận chưa đủ " + minWorkingDays
                    + " ngày làm việc trước cuộc họp: ";
            warnings.add(PrintRules.suggestedUrgency(true, content.urgency())
                    .map(u -> head + "đề nghị chọn độ khẩn " + u.label() + ".")
                    .orElseGet(() ->
                            head + "văn bản được đánh dấu " + content.urgency().label() + "."));
        }
        dayOffWarning(document, content).ifPresent(warnings::add);
        return warnings;
    }

    /** A meeting on a weekend or a public holiday (vanthu.calendar): told, not refused (it happens). */
    private java.util.Optional<String> dayOffWarning(Document document, DraftContent content) {
        if (!settings.hasMeeting(document.getType())
                || content.meeting() == null
                || content.meeting().start() == null) {
            return java.util.Optional.empty();
        }
        LocalDate day =
                content.meeting().start().atZone(OrganisationProperties.VIETNAM).toLocalDate();
        return java.util.Optional.ofNullable(calendar.dayOff(day))
                .map(off -> "Cuộc họp vào " + off + " ("
                        + day.format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy"))
                        + "): xin kiểm tra lại ngày họp.");
    }

    /** The urgency the rule suggests for this content now (KHẨN for a late invitation without one). */
    public Urgency suggestedUrgency(Document document, DraftContent content) {
        boolean late = document.getStatus() == DocumentStatus.ISSUED
                ? document.isUrgent()
                : isUrgent(document.getType(), content, clock.instant());
        return PrintRules.suggestedUrgency(late, content.urgency()).orElse(null);
    }

    /** An invitation that reaches invitees fewer than the configured working days before the meeting. */
    boolean isUrgent(String type, DraftContent content, Instant sentAt) {
        if (!settings.hasMeeting(type)
                || content.meeting() == null
                || content.meeting().start() == null) {
            return false;
        }
        LocalDate sent = sentAt.atZone(OrganisationProperties.VIETNAM).toLocalDate();
        LocalDate meeting =
                content.meeting().start().atZone(OrganisationProperties.VIETNAM).toLocalDate();
        return WorkingDays.between(sent, meeting) < minWorkingDays;
    }

    public OrganisationProperties settings() {
        return settings;
    }
}
