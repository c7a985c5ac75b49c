package vn.vanthu.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.vanthu.support.Drafts;
import vn.vanthu.support.Flow;
import vn.vanthu.support.IntegrationTest;
import vn.vanthu.workflow.DocumentIssuanceProcess.Decision;
import vn.vanthu.workflow.DocumentIssuanceProcess.Kind;

/** A draft is for its own people; an issued document for all staff; the mailbox for clerks. */
class WhoSeesWhatTest extends IntegrationTest {

    final Flow flow = new Flow(this);

    @Test
    void aDraftIsSeenByItsDrafterReviewersSignerAndClerksOnlyAndOnceIssuedByAllStaff() {
        Map<String, Object> draft = Drafts.invitation("Dự thảo chỉ người trong cuộc xem", Drafts.uniqueDomain(), 1);
        long id = flow.create(draft); // chuyenvien's, to be signed by bithu
        for (String user : new String[] {"chuyenvien", "chanhvanphong", "bithu", "vanthu", "admin"}) {
            assertThat(as(user).get("/api/documents/" + id).status()).as(user).isEqualTo(200);
            assertThat(as(user).get("/van-ban/" + id).status()).as(user).isEqualTo(200);
        }
        // the other leader, not chosen to sign it
        assertThat(as("phobithu").get("/api/documents/" + id).status()).isEqualTo(403);
        assertThat(as("phobithu").get("/van-ban/" + id).status()).isEqualTo(403);
        assertThat(as("phobithu").get("/van-ban/" + id + "/pdf").status()).isEqualTo(403);
        assertThat(as("phobithu").get("/api/documents/" + id + "/pdf").status()).isEqualTo(403);
        assertThat(anonymous().get("/api/documents/" + id).status()).isEqualTo(401);

        flow.submit(id);
        assertThat(as("phobithu").get("/api/documents/" + id).status()).isEqualTo(403);
        flow.decideOk("chanhvanphong", id, Kind.REVIEW, Decision.APPROVE, null);
        assertThat(as("phobithu").get("/api/documents/" + id).status()).isEqualTo(403);
        flow.decideOk("bithu", id, Kind.SIGN, Decision.SIGN, null);

        assertThat(as("phobithu").get("/api/documents/" + id).status()).isEqualTo(200);
        assertThat(as("phobithu").get("/van-ban/" + id).status()).isEqualTo(200);
        assertThat(as("phobithu").get("/api/documents/" + id + "/pdf").status()).isEqualTo(200);
    }

    @Test
    void theMailboxWithEveryonesPersonalLinksIsForClerksAndAdminsOnly() {
        for (String user : new String[] {"chuyenvien", "chanhvanphong", "bithu"}) {
            assertThat(as(user).get("/mailbox").status()).as(user).isEqualTo(403);
            assertThat(as(user).get("/mailbox/message?id=x&to=y").status())
                    .as(user)
                    .isEqualTo(403);
            assertThat(as(user).get("/mailbox/part?id=x&to=y&index=0").status())
                    .as(user)
                    .isEqualTo(403);
            assertThat(as(user).get("/").text()).as(user).doesNotContain("href=\"/mailbox\"");
        }
        assertThat(as("vanthu").get("/mailbox").status()).isEqualTo(200);
        assertThat(as("vanthu").get("/").text()).contains("href=\"/mailbox\"");
        assertThat(as("admin").get("/mailbox").status()).isEqualTo(200);
    }
}
