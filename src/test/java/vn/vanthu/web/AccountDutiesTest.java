package vn.vanthu.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.vanthu.directory.ApplicationGroups;
import vn.vanthu.directory.Directory;
import vn.vanthu.directory.Groups;
import vn.vanthu.security.SecurityAudit;
import vn.vanthu.support.Api;
import vn.vanthu.support.Drafts;
import vn.vanthu.support.IntegrationTest;
import vn.vanthu.support.Mailbox;

/**
 * Separation of duties on the accounts page (Hardening, round three, item 2), and all-or-nothing
 * account creation with the application's groups made at start (item 6).
 */
class AccountDutiesTest extends IntegrationTest {

    static final String FORM = "application/x-www-form-urlencoded";

    @Autowired
    Directory directory;

    @Autowired
    IdentityService identity;

    @Autowired
    SecurityAudit audit;

    @Autowired
    ApplicationGroups groups;

    @Test
    void anAdministratorDoesNotGiveThemselvesTheSignersOrReviewersAuthority() {
        Api.Response own = as("admin")
                .postRaw(
                        "/quan-tri/tai-khoan/admin/nhom",
                        FORM,
                        "groups=camunda-admin&groups=signers&groups=reviewers".getBytes(StandardCharsets.UTF_8));
        assertThat(own.status()).as(own.toString()).isEqualTo(302);
        assertThat(directory.groupsOf("admin"))
                .contains(Groups.ADMINS)
                .doesNotContain(Groups.SIGNERS, Groups.REVIEWERS);
        assertThat(audit.newest(Set.of(SecurityAudit.Kind.OWN_GROUPS_REFUSED), 10))
                .anySatisfy(e -> assertThat(e.actor()).isEqualTo("admin"));
    }

    @Test
    void anotherAdministratorsChangeOfWhoReviewsIsEmailedToThePersonAndTheOtherAdministrators() throws Exception {
        String domain = Drafts.uniqueDomain();
        String person = user("tham" + suffix(), domain, Groups.DRAFTERS);
        String otherAdmin = user("qt" + suffix(), domain, Groups.ADMINS);

        Api.Response changed = as("admin")
                .postRaw(
                        "/quan-tri/tai-khoan/" + person + "/nhom",
                        FORM,
                        "groups=drafters&groups=reviewers".getBytes(StandardCharsets.UTF_8));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(302);
        assertThat(directory.groupsOf(person)).contains(Groups.REVIEWERS);

        List<MimeMessage> mail = Mailbox.await(mailServer, domain, 2, Duration.ofSeconds(20));
        assertThat(mail)
                .extracting(Mailbox::recipient)
                .containsExactlyInAnyOrder(person + "@" + domain, otherAdmin + "@" + domain);
        assertThat(Mailbox.subject(mail.get(0))).contains(person);
        assertThat(audit.newest(Set.of(SecurityAudit.Kind.ACCOUNT_GROUPS_CHANGED), 10))
                .anySatisfy(e -> assertThat(e.detail()).startsWith(person));
    }

    @Test
    void aPasswordResetByAnAdministratorMustBeChangedBeforeAnythingElse() throws Exception {
        String domain = Drafts.uniqueDomain();
        String person = user("datlai" + suffix(), domain, Groups.DRAFTERS);
        String reset = "Mat-khau-quan-tri-1";
        assertThat(as("admin")
                        .postRaw(
                                "/quan-tri/tai-khoan/" + person + "/mat-khau",
                                FORM,
                                ("password=" + reset).getBytes(StandardCharsets.UTF_8))
                        .status())
                .isEqualTo(302);
        List<MimeMessage> mail = Mailbox.await(mailServer, domain, 1, Duration.ofSeconds(20));
        assertThat(Mailbox.recipient(mail.get(0))).isEqualTo(person + "@" + domain);

        // the administrator, knowing the password, cannot act as them: only the change works
        Api.Response api = as(person, reset).get("/api/tasks");
        assertThat(api.status()).isEqualTo(403);
        assertThat(api.text()).contains("đổi mật khẩu");
        Api.Response page = as(person, reset).withHeader("Accept", "text/html").get("/");
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.location()).endsWith("/doi-mat-khau");

        Api.Response mismatch =
                as(person, reset).postRaw("/doi-mat-khau", FORM, form(reset, "Mat-khau-rieng-2", "khac-hoan-toan"));
        assertThat(mismatch.status()).isEqualTo(400);
        Api.Response done =
                as(person, reset).postRaw("/doi-mat-khau", FORM, form(reset, "Mat-khau-rieng-2", "Mat-khau-rieng-2"));
        assertThat(done.status()).as(done.toString()).isEqualTo(302);
        assertThat(as(person, "Mat-khau-rieng-2").get("/api/tasks").status()).isEqualTo(200);
    }

    @Test
    void anAccountWithAGroupMissingFromTheStoreIsRefusedWholeAndStartMakesTheGroups() {
        List<String> members = directory.membersOf(Groups.BOARDS);
        identity.deleteGroup(Groups.BOARDS);
        String id = "ban" + suffix();
        try {
            Api.Response refused = as("admin").postRaw("/quan-tri/tai-khoan", FORM, newAccount(id));
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(directory.user(id)).as("no half-made account").isEmpty();
        } finally {
            groups.ensure();
            members.forEach(m -> identity.createMembership(m, Groups.BOARDS));
        }
        assertThat(identity.createGroupQuery()
                        .groupId(Groups.BOARDS)
                        .singleResult()
                        .getName())
                .isEqualTo("Các ban tham mưu");
        Api.Response created = as("admin").postRaw("/quan-tri/tai-khoan", FORM, newAccount(id));
        assertThat(created.status()).as(created.toString()).isEqualTo(302);
        assertThat(identity.createGroupQuery().groupMember(id).list())
                .extracting(org.camunda.bpm.engine.identity.Group::getId)
                .containsExactly(Groups.BOARDS);
    }

    private byte[] newAccount(String id) {
        return ("id=" + id + "&firstName=Ban&lastName=Moi&email=" + id + "%40vanthu.local&password=Mat-khau-dai-1"
                        + "&groups=boards")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] form(String current, String next, String repeat) {
        return ("currentPassword=" + enc(current) + "&newPassword=" + enc(next) + "&repeatPassword=" + enc(repeat))
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 6);
    }

    private String user(String id, String domain, String group) {
        User user = identity.newUser(id);
        user.setFirstName("Thử");
        user.setLastName("Nghiệm");
        user.setEmail(id + "@" + domain);
        user.setPassword("demo");
        identity.saveUser(user);
        identity.createMembership(id, group);
        return id;
    }
}
