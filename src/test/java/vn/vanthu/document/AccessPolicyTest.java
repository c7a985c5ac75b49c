package vn.vanthu.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import vn.vanthu.directory.Groups;
import vn.vanthu.document.AccessPolicy.Action;
import vn.vanthu.document.AccessPolicy.Holders;
import vn.vanthu.document.AccessPolicy.Subject;
import vn.vanthu.document.AccessPolicy.Verdict;
import vn.vanthu.security.Caller;
import vn.vanthu.system.ConflictException;
import vn.vanthu.system.ForbiddenException;

/**
 * Every role × action × document state, from one table, without Spring. The document is
 * chuyenvien's draft, to be signed by bithu.
 */
class AccessPolicyTest {

    final AccessPolicy policy = new AccessPolicy();

    static final Map<String, Caller> ROLES = Map.of(
            "drafter", new Caller("chuyenvien", Set.of(Groups.DRAFTERS)),
            "otherDrafter", new Caller("chuyenvien2", Set.of(Groups.DRAFTERS)),
            "reviewer", new Caller("chanhvanphong", Set.of(Groups.REVIEWERS)),
            "signer", new Caller("bithu", Set.of(Groups.SIGNERS)),
            // the other leader, e.g. after bithu handed his sign task to her in Camunda's Tasklist
            "otherSigner", new Caller("phobithu", Set.of(Groups.SIGNERS)),
            "clerk", new Caller("vanthu", Set.of(Groups.CLERKS)),
            "admin", new Caller("admin", Set.of(Groups.ADMINS)),
            "outsider", new Caller("khach", Set.of()));

    static final List<String> STAFF =
            List.of("drafter", "otherDrafter", "reviewer", "signer", "otherSigner", "clerk", "admin");

    /**
     * action | who (roles; "staff" = everyone but the outsider) | allowed in (statuses, * = any)
     * [| the verdict for those roles in the other statuses, CONFLICT (409) unless given]. An action
     * may have several rows; a role is allowed where any of them allows it, and everyone no row
     * names is refused with 403.
     */
    static final String TABLE = """
            VIEW_DOCUMENT          | drafter reviewer signer clerk admin | *
            VIEW_DOCUMENT          | staff                  | ISSUED RECALLED | FORBIDDEN
            VIEW_PDF               | drafter reviewer signer clerk admin | *
            VIEW_PDF               | staff                  | ISSUED RECALLED | FORBIDDEN
            READ_REGISTER          | staff                  | *
            READ_MAILBOX           | clerk admin            | *
            USE_STAFF_PAGES        | staff                  | *
            CREATE_DRAFT           | drafter otherDrafter   | *
            EDIT_DRAFT             | drafter                | DRAFT RETURNED
            SUBMIT                 | drafter                | DRAFT RETURNED
            COMPLETE_REVIEW        | reviewer               | IN_REVIEW
            COMPLETE_CONSULT       | reviewer               | IN_REVIEW
            COMPLETE_MEETING       | reviewer               | IN_REVIEW
            COMPLETE_SIGN          | signer                 | AWAITING_SIGNATURE
            CANCEL_REMOTE_SIGNATURE | signer                | AWAITING_REMOTE_SIGNATURE
            COMPLETE_REVISE        | drafter                | RETURNED
            RESOLVE_ISSUE_FAILURE  | clerk admin            | ISSUE_FAILED
            RECALL                 | clerk admin            | ISSUED
            RETRY_DELIVERY         | clerk admin            | *
            LIST_FAILED_DELIVERIES | clerk admin            | *
            CHANGE_SIGNING_PIN     | signer otherSigner     | *
            PRESENT_SIGNING_CERTIFICATE | signer otherSigner | *
            MANAGE_SIGNING_CERTIFICATES | admin             | *
            READ_SECURITY_LOG      | admin                  | *
            MANAGE_ADDRESS_BOOK    | clerk admin            | *
            MANAGE_ACCOUNTS        | admin                  | *
            CORRECT_DELIVERY       | clerk admin            | *
            MAKE_BACKUP            | admin                  | *
            MANAGE_ROUTES          | admin                  | *
            REMIND_INVITEES        | clerk admin signer     | ISSUED
            MANAGE_CALENDAR_FEED   | staff                  | *
            RECORD_ABSENCE         | signer otherSigner     | *
            RECORD_ABSENCE_FOR_LEADER | clerk admin         | *
            CANCEL_ABSENCE         | signer otherSigner admin | *
            """;

    static Stream<Arguments> table() {
        Map<Action, List<String[]>> rows = new HashMap<>();
        TABLE.lines().map(String::strip).filter(line -> !line.isEmpty()).forEach(line -> {
            String[] cells = line.split("\\|");
            rows.computeIfAbsent(Action.valueOf(cells[0].strip()), a -> new ArrayList<>())
                    .add(new String[] {
                        cells[1].strip(),
                        cells[2].strip(),
                        cells.length > 3 ? cells[3].strip() : Verdict.CONFLICT.name()
                    });
        });
        assertThat(rows.keySet()).as("every action has its row").containsExactlyInAnyOrder(Action.values());
        List<Arguments> cases = new ArrayList<>();
        for (Action action : Action.values()) {
            for (String role : ROLES.keySet().stream().sorted().toList()) {
                for (DocumentStatus status : DocumentStatus.values()) {
                    Verdict expected = Verdict.FORBIDDEN;
                    for (String[] row : rows.get(action)) {
                        List<String> who = row[0].equals("staff") ? STAFF : Arrays.asList(row[0].split("\\s+"));
                        EnumSet<DocumentStatus> allowedIn = row[1].equals("*")
                                ? EnumSet.allOf(DocumentStatus.class)
                                : EnumSet.copyOf(Arrays.stream(row[1].split("\\s+"))
                                        .map(DocumentStatus::valueOf)
                                        .toList());
                        Verdict here = !who.contains(role)
                                ? Verdict.FORBIDDEN
                                : allowedIn.contains(status) ? Verdict.ALLOWED : Verdict.valueOf(row[2]);
                        // ALLOWED over CONFLICT over FORBIDDEN
                        if (here == Verdict.ALLOWED || (here == Verdict.CONFLICT && expected == Verdict.FORBIDDEN)) {
                            expected = here;
                        }
                    }
                    cases.add(Arguments.of(role, action, status, expected));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} on a {2} document → {3}")
    @MethodSource("table")
    void theTable(String role, Action action, DocumentStatus status, Verdict expected) {
        // the step asked about is the reviewers' (the route's candidate group)
        Subject document = new Subject("chuyenvien", "bithu", status, new Holders(Set.of(), Set.of(Groups.REVIEWERS)));
        assertThat(policy.decide(ROLES.get(role), action, document)).isEqualTo(expected);
        assertThat(policy.allows(ROLES.get(role), action, document)).isEqualTo(expected == Verdict.ALLOWED);
    }

    /** The cases the table is there for, spelled out. */
    @ParameterizedTest(name = "{0} {1} {2} → {3}")
    @CsvSource(delimiter = '|', textBlock = """
            phobithu      | signers   | COMPLETE_SIGN   | FORBIDDEN
            bithu         | signers   | COMPLETE_SIGN   | ALLOWED
            chanhvanphong | reviewers | COMPLETE_SIGN   | FORBIDDEN
            chuyenvien2   | drafters  | COMPLETE_REVISE | FORBIDDEN
            chuyenvien2   | drafters  | EDIT_DRAFT      | FORBIDDEN
            vanthu        | clerks    | COMPLETE_SIGN   | FORBIDDEN
            """)
    void onlyTheDocumentsOwnPeople(String user, String group, Action action, Verdict expected) {
        DocumentStatus status =
                action == Action.COMPLETE_SIGN ? DocumentStatus.AWAITING_SIGNATURE : DocumentStatus.RETURNED;
        assertThat(policy.decide(new Caller(user, Set.of(group)), action, new Subject("chuyenvien", "bithu", status)))
                .isEqualTo(expected);
    }

    @Test
    void theRouteSaysWhoReviewsOrIsConsultedButNobodyReviewsTheirOwnDraft() {
        Subject consulted = new Subject(
                "chuyenvien", "bithu", DocumentStatus.IN_REVIEW, new Holders(Set.of("bantuyengiao"), Set.of()));
        Caller board = new Caller("bantuyengiao", Set.of(Groups.BOARDS));
        Caller otherBoard = new Caller("bantochuc", Set.of(Groups.BOARDS));
        assertThat(policy.decide(board, Action.COMPLETE_CONSULT, consulted)).isEqualTo(Verdict.ALLOWED);
        assertThat(policy.decide(board, Action.VIEW_DOCUMENT, consulted)).isEqualTo(Verdict.ALLOWED);
        assertThat(policy.decide(otherBoard, Action.COMPLETE_CONSULT, consulted))
                .isEqualTo(Verdict.FORBIDDEN);
        assertThat(policy.decide(otherBoard, Action.VIEW_DOCUMENT, consulted)).isEqualTo(Verdict.FORBIDDEN);

        Subject deputyLevel = new Subject(
                "chuyenvien",
                "bithu",
                DocumentStatus.IN_REVIEW,
                new Holders(Set.of(), Set.of(Groups.DEPUTY_REVIEWERS)));
        assertThat(policy.decide(
                        new Caller("phochanhvanphong", Set.of(Groups.DEPUTY_REVIEWERS)),
                        Action.COMPLETE_REVIEW,
                        deputyLevel))
                .isEqualTo(Verdict.ALLOWED);
        // the office chief is a reviewer, but this level is the deputy's
        assertThat(policy.decide(ROLES.get("reviewer"), Action.COMPLETE_REVIEW, deputyLevel))
                .isEqualTo(Verdict.FORBIDDEN);
        // a reviewer who drafted it does not approve it
        Subject ownDraft = new Subject(
                "chanhvanphong", "bithu", DocumentStatus.IN_REVIEW, new Holders(Set.of(), Set.of(Groups.REVIEWERS)));
        assertThat(policy.decide(ROLES.get("reviewer"), Action.COMPLETE_REVIEW, ownDraft))
                .isEqualTo(Verdict.FORBIDDEN);
    }

    @Test
    void aSignerDoesNotSignADraftTheyWrote() {
        Subject ownDraft = new Subject("bithu", "bithu", DocumentStatus.AWAITING_SIGNATURE);
        Caller bithu = new Caller("bithu", Set.of(Groups.SIGNERS, Groups.DRAFTERS));
        assertThat(policy.decide(bithu, Action.COMPLETE_SIGN, ownDraft)).isEqualTo(Verdict.FORBIDDEN);
        assertThat(policy.decide(bithu, Action.COMPLETE_SIGN, new Subject("chuyenvien", "bithu", ownDraft.status())))
                .isEqualTo(Verdict.ALLOWED);
    }

    @Test
    void aSignerIdWithoutTheSignersGroupDoesNotSign() {
        Subject document = new Subject("chuyenvien", "bithu", DocumentStatus.AWAITING_SIGNATURE);
        assertThat(policy.decide(new Caller("bithu", Set.of(Groups.DRAFTERS)), Action.COMPLETE_SIGN, document))
                .isEqualTo(Verdict.FORBIDDEN);
    }

    @Test
    void checkThrowsForbiddenOrConflictWithAVietnameseMessage() {
        Subject issued = new Subject("chuyenvien", "bithu", DocumentStatus.ISSUED);
        assertThatThrownBy(() -> policy.check(
                        ROLES.get("otherSigner"),
                        Action.COMPLETE_SIGN,
                        new Subject("chuyenvien", "bithu", DocumentStatus.AWAITING_SIGNATURE)))
                .isInstanceOf(ForbiddenException.class)
                .hasMessage(Action.COMPLETE_SIGN.refusal());
        assertThatThrownBy(() -> policy.check(ROLES.get("drafter"), Action.EDIT_DRAFT, issued))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("không còn sửa được");
        // who comes first: a stranger does not learn the state
        assertThatThrownBy(() -> policy.check(ROLES.get("otherDrafter"), Action.EDIT_DRAFT, issued))
                .isInstanceOf(ForbiddenException.class);
        policy.check(ROLES.get("clerk"), Action.RECALL, issued);
    }

    /** The states of a draft that only its own people (and, by default, the clerks) read. */
    private static final List<DocumentStatus> NOT_ISSUED_NOR_FAILED = List.of(
            DocumentStatus.DRAFT,
            DocumentStatus.IN_REVIEW,
            DocumentStatus.RETURNED,
            DocumentStatus.AWAITING_SIGNATURE,
            DocumentStatus.WITHDRAWN,
            DocumentStatus.REJECTED);

    @Test
    void aDraftIsHiddenFromStaffWhoAreNotItsOwnPeopleUntilItIsIssued() {
        Caller otherDrafter = ROLES.get("otherDrafter");
        Caller otherLeader = ROLES.get("otherSigner");
        for (DocumentStatus draft : NOT_ISSUED_NOR_FAILED) {
            Subject document = new Subject("chuyenvien", "bithu", draft);
            assertThat(policy.decide(otherDrafter, Action.VIEW_DOCUMENT, document))
                    .as("%s", draft)
                    .isEqualTo(Verdict.FORBIDDEN);
            assertThat(policy.decide(otherLeader, Action.VIEW_PDF, document))
                    .as("%s", draft)
                    .isEqualTo(Verdict.FORBIDDEN);
            assertThat(policy.decide(ROLES.get("signer"), Action.VIEW_PDF, document))
                    .isEqualTo(Verdict.ALLOWED);
        }
        Subject issued = new Subject("chuyenvien", "bithu", DocumentStatus.ISSUED);
        assertThat(policy.decide(otherDrafter, Action.VIEW_DOCUMENT, issued)).isEqualTo(Verdict.ALLOWED);
        assertThat(policy.decide(ROLES.get("outsider"), Action.VIEW_DOCUMENT, issued))
                .isEqualTo(Verdict.FORBIDDEN);
        assertThat(policy.decide(ROLES.get("drafter"), Action.READ_MAILBOX, null))
                .isEqualTo(Verdict.FORBIDDEN);
    }

    @Test
    void anOfficeMayKeepDraftsFromItsClerksButNotADocumentTheyMustMend() {
        AccessPolicy issuedOnly = new AccessPolicy(false);
        Caller clerk = ROLES.get("clerk");
        for (DocumentStatus draft : NOT_ISSUED_NOR_FAILED) {
            Subject document = new Subject("chuyenvien", "bithu", draft);
            assertThat(issuedOnly.decide(clerk, Action.VIEW_DOCUMENT, document))
                    .as("%s", draft)
                    .isEqualTo(Verdict.FORBIDDEN);
            assertThat(issuedOnly.decide(clerk, Action.VIEW_PDF, document))
                    .as("%s", draft)
                    .isEqualTo(Verdict.FORBIDDEN);
            // the draft's own people are not affected
            assertThat(issuedOnly.decide(ROLES.get("drafter"), Action.VIEW_DOCUMENT, document))
                    .isEqualTo(Verdict.ALLOWED);
            assertThat(issuedOnly.decide(ROLES.get("reviewer"), Action.VIEW_DOCUMENT, document))
                    .isEqualTo(Verdict.ALLOWED);
        }
        for (DocumentStatus open :
                List.of(DocumentStatus.ISSUED, DocumentStatus.RECALLED, DocumentStatus.ISSUE_FAILED)) {
            Subject document = new Subject("chuyenvien", "bithu", open);
            assertThat(issuedOnly.decide(clerk, Action.VIEW_DOCUMENT, document))
                    .as("%s", open)
                    .isEqualTo(Verdict.ALLOWED);
        }
        // a document whose issuing failed is the clerks' to mend; other drafters still do not see it
        Subject failed = new Subject("chuyenvien", "bithu", DocumentStatus.ISSUE_FAILED);
        assertThat(issuedOnly.allows(clerk, Action.RESOLVE_ISSUE_FAILURE, failed))
                .isTrue();
        assertThat(issuedOnly.decide(ROLES.get("otherDrafter"), Action.VIEW_DOCUMENT, failed))
                .isEqualTo(Verdict.FORBIDDEN);
    }

    @Test
    void nobodyIsNobody() {
        assertThat(policy.decide(null, Action.VIEW_DOCUMENT, null)).isEqualTo(Verdict.FORBIDDEN);
        assertThat(policy.decide(
                        new Caller(null, Set.of(Groups.CLERKS)),
                        Action.RECALL,
                        new Subject("chuyenvien", "bithu", DocumentStatus.ISSUED)))
                .isEqualTo(Verdict.FORBIDDEN);
    }

    @Test
    void aDocumentRuleWithoutTheDocumentIsAProgrammingError() {
        assertThatThrownBy(() -> policy.decide(ROLES.get("drafter"), Action.EDIT_DRAFT, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** The lists' SQL applies this rule; it must say what VIEW_DOCUMENT says of a draft. */
    @Test
    void whoSeesEveryDraftInTheLists() {
        for (Map.Entry<String, Caller> role : ROLES.entrySet()) {
            // a draft of someone else, to be signed by someone else
            boolean seesOthersDraft = policy.allows(
                    role.getValue(),
                    Action.VIEW_DOCUMENT,
                    new Subject("nguoikhac", "lanhdaokhac", DocumentStatus.DRAFT));
            assertThat(policy.seesEveryDraft(role.getValue())).as(role.getKey()).isEqualTo(seesOthersDraft);
        }
        assertThat(policy.seesEveryDraft(ROLES.get("reviewer"))).isTrue();
        assertThat(policy.seesEveryDraft(ROLES.get("signer"))).isFalse();
    }
}
