package vn.vanthu.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.StringReader;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import vn.vanthu.support.Api;
import vn.vanthu.support.Drafts;
import vn.vanthu.support.Flow;
import vn.vanthu.support.IntegrationTest;
import vn.vanthu.support.Mailbox;
import vn.vanthu.support.TinySmtpServer;
import vn.vanthu.workflow.DocumentIssuanceProcess;
import vn.vanthu.workflow.DocumentIssuanceProcess.Decision;
import vn.vanthu.workflow.DocumentIssuanceProcess.Kind;

/**
 * Distribution against real SMTP servers: an outage and recovery, a permanent refusal, a job run
 * twice, the calendar invitation, the personal links, the meeting reminder and the recall.
 */
class DistributionTest extends IntegrationTest {

    @Autowired
    JavaMailSenderImpl sender;

    @Autowired
    DeliveryService deliveries;

    @Autowired
    RuntimeService runtime;

    @Autowired
    ManagementService management;

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    final Flow flow = new Flow(this);

    @Test
    void anSmtpOutageDuringDistributionDelaysButEveryRecipientGetsExactlyOneEmail() throws Exception {
        String domain = Drafts.uniqueDomain();
        int realPort = sender.getPort();
        long id;
        sender.setPort(closedPort());
        try {
            id = flow.issue(Drafts.invitation("Họp khi máy chủ thư ngừng", domain, 3))
                    .get("id")
                    .asLong();
            await(
                    () -> deliveries.deliveries(id, Delivery.Kind.ISSUE).stream()
                            .allMatch(d -> d.attempts() >= 1),
                    Duration.ofSeconds(20));
            assertThat(Mailbox.to(mailServer, domain)).isEmpty();
        } finally {
            sender.setPort(realPort);
        }
        List<MimeMessage> received = Mailbox.await(mailServer, domain, 3, Duration.ofSeconds(30));
        await(
                () -> deliveries.deliveries(id, Delivery.Kind.ISSUE).stream()
                        .allMatch(d -> d.state() == Delivery.State.SENT),
                Duration.ofSeconds(10));
        awaitNothingLeftToSend(id); // a duplicate would come from a send job still there
        received = Mailbox.to(mailServer, domain);
        assertThat(received)
                .extracting(Mailbox::recipient)
                .containsExactlyInAnyOrder("nguoi1@" + domain, "nguoi2@" + domain, "nguoi3@" + domain);
        assertThat(deliveries.deliveries(id, Delivery.Kind.ISSUE)).allSatisfy(d -> {
            assertThat(d.state()).isEqualTo(Delivery.State.SENT);
            assertThat(d.attempts()).isGreaterThanOrEqualTo(2);
        });
    }

    @Test
    void aPermanentRefusalFailsAtOnceWithoutHoldingUpTheOthersAndTheClerkCanRetry() throws Exception {
        String domain = Drafts.uniqueDomain();
        int realPort = sender.getPort();
        long id;
        try (TinySmtpServer refusing = new TinySmtpServer(address -> address.startsWith("nguoi2@"))) {
            sender.setPort(refusing.port());
            try {
                id = flow.issue(Drafts.invitation("Họp có địa chỉ bị từ chối", domain, 3))
                        .get("id")
                        .asLong();
                await(
                        () -> deliveries.deliveries(id, Delivery.Kind.ISSUE).stream()
                                .noneMatch(d -> d.state() == Delivery.State.PENDING),
                        Duration.ofSeconds(20));
            } finally {
                sender.setPort(realPort);
            }
            // the staff's step notices of this flow (reviewer, signer) went to this server too
            assertThat(refusing.accepted())
                    .extracting(TinySmtpServer.Accepted::recipient)
                    .filteredOn(r -> r.endsWith("@" + domain))
                    .containsExactlyInAnyOrder("nguoi1@" + domain, "nguoi3@" + domain);
        }
        Delivery refused = deliveries.deliveries(id, Delivery.Kind.ISSUE).get(1);
        assertThat(refused.state()).isEqualTo(Delivery.State.FAILED);
        assertThat(refused.attempts()).isEqualTo(1); // no retries for a 5xx
        assertThat(refused.lastError()).contains("550");

        Api.Response failedList = as("vanthu").get("/api/deliveries?state=FAILED");
        assertThat(failedList.status()).isEqualTo(200);
        assertThat(failedList.text()).contains("nguoi2@" + domain);
        Api.Response page = as("vanthu").get("/gui-loi");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text()).contains("nguoi2@" + domain, "Gửi lại", "/gui-loi/" + refused.id() + "/gui-lai");
        assertThat(as("chuyenvien")
                        .post("/api/deliveries/" + refused.id() + "/retry", Map.of())
                        .status())
                .isEqualTo(403);
        Api.Response retried = as("vanthu").post("/api/deliveries/" + refused.id() + "/retry", Map.of());
        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        assertThat(Mailbox.await(mailServer, domain, 1, Duration.ofSeconds(20)))
                .extracting(Mailbox::recipient)
                .containsExactly("nguoi2@" + domain);
        await(() -> deliveries.get(refused.id()).state() == Delivery.State.SENT, Duration.ofSeconds(10));
        assertThat(as("vanthu")
                        .post("/api/deliveries/" + refused.id() + "/retry", Map.of())
                        .status())
                .isEqualTo(409);
    }

    @Test
    void whenRetriesRunOutTheDeliveryIsFailedWithAnIncidentAndTheClerksRetrySendsIt() throws Exception {
        String domain = Drafts.uniqueDomain();
        int realPort = sender.getPort();
        long id;
        sender.setPort(closedPort());
        try {
            id = flow.issue(Drafts.invitation("Họp khi máy chủ thư ngừng lâu", domain, 1))
                    .get("id")
                    .asLong();
            // test retry intervals PT0.5S,PT0.5S,PT1S: four attempts, then FAILED
            await(
                    () -> deliveries.deliveries(id, Delivery.Kind.ISSUE).get(0).state() == Delivery.State.FAILED,
                    Duration.ofSeconds(40));
        } finally {
            sender.setPort(realPort);
        }
        Delivery failed = deliveries.deliveries(id, Delivery.Kind.ISSUE).get(0);
        assertThat(failed.attempts()).isEqualTo(4);
        String instance = runtime.createProcessInstanceQuery()
                .processInstanceBusinessKey(String.valueOf(id))
                // the emails and the meeting reminder are documentIssuing's, called by the route
                .processDefinitionKey(DocumentIssuanceProcess.Issuing.KEY)
                .singleResult()
                .getId();
        await(() -> runtime.createIncidentQuery().processInstanceId(instance).count() == 1, Duration.ofSeconds(10));
        assertThat(Mailbox.to(mailServer, domain)).isEmpty();

        Api.Response retried = as("vanthu").post("/api/deliveries/" + failed.id() + "/retry", Map.of());
        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        assertThat(Mailbox.await(mailServer, domain, 1, Duration.ofSeconds(20))).hasSize(1);
        await(() -> deliveries.get(failed.id()).state() == Delivery.State.SENT, Duration.ofSeconds(10));
        // the re-armed job finished the process: no incident, no second process
        await(() -> runtime.createIncidentQuery().processInstanceId(instance).count() == 0, Duration.ofSeconds(10));
        assertThat(runtime.createProcessInstanceQuery()
                        .processDefinitionKey(DocumentIssuanceProcess.DeliveryRetry.KEY)
                        .processInstanceBusinessKey(String.valueOf(id))
                        .count())
                .isZero();
    }

    @Test
    void aRetryWhileTheServerIsDownGoesBackToFailedAndFiveParallelRetriesSendOneEmail() throws Exception {
        String domain = Drafts.uniqueDomain();
        int realPort = sender.getPort();
        long id;
        try (TinySmtpServer refusing = new TinySmtpServer(address -> address.startsWith("nguoi1@"))) {
            sender.setPort(refusing.port());
            try {
                id = flow.issue(Drafts.invitation("Họp gửi lại nhiều lần", domain, 1))
                        .get("id")
                        .asLong();
                await(
                        () -> deliveries
                                        .deliveries(id, Delivery.Kind.ISSUE)
                                        .get(0)
                                        .state()
                                == Delivery.State.FAILED,
                        Duration.ofSeconds(20));
            } finally {
                sender.setPort(realPort);
            }
        }
        Delivery refused = deliveries.deliveries(id, Delivery.Kind.ISSUE).get(0);

        // the server is down during the retry: the retry schedule runs, then FAILED with the error
        sender.setPort(closedPort());
        try {
            Api.Response retried = as("vanthu").post("/api/deliveries/" + refused.id() + "/retry", Map.of());
            assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
            await(() -> deliveries.get(refused.id()).state() == Delivery.State.FAILED, Duration.ofSeconds(30));
        } finally {
            sender.setPort(realPort);
        }
        Delivery failedAgain = deliveries.get(refused.id());
        // not the server's refusal any more (the port in the connection error may contain "550")
        assertThat(failedAgain.lastError()).isNotBlank().doesNotContainPattern("\\b550\\b");
        assertThat(as("vanthu").get("/api/deliveries?state=FAILED").text()).contains("nguoi1@" + domain);

        // five clicks at once: one retry, four conflicts, one email
        ExecutorService clicks = Executors.newFixedThreadPool(5);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> statuses = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Api clerk = as("vanthu");
            statuses.add(clicks.submit(() -> {
                go.await();
                return clerk.post("/api/deliveries/" + refused.id() + "/retry", Map.of())
                        .status();
            }));
        }
        go.countDown();
        List<Integer> answers = new ArrayList<>();
        for (Future<Integer> status : statuses) {
            answers.add(status.get(60, TimeUnit.SECONDS));
        }
        clicks.shutdown();
        assertThat(answers).containsExactlyInAnyOrder(200, 409, 409, 409, 409);
        await(() -> deliveries.get(refused.id()).state() == Delivery.State.SENT, Duration.ofSeconds(20));
        awaitNothingLeftToSend(id); // a second copy would come from a send job still there
        assertThat(Mailbox.to(mailServer, domain)).hasSize(1);
    }

    @Test
    void aRetryOfAJobInAnIncidentWhileTheServerIsStillDownIsFailedAgainNotLeftSending() throws Exception {
        String domain = Drafts.uniqueDomain();
        int realPort = sender.getPort();
        long id;
        sender.setPort(closedPort());
        try {
            id = flow.issue(Drafts.invitation("Họp khi máy chủ thư ngừng mãi", domain, 1))
                    .get("id")
                    .asLong();
            await(
                    () -> deliveries.deliveries(id, Delivery.Kind.ISSUE).get(0).state() == Delivery.State.FAILED,
                    Duration.ofSeconds(40));
            Delivery failed = deliveries.deliveries(id, Delivery.Kind.ISSUE).get(0);
            String instance = runtime.createProcessInstanceQuery()
                    .processInstanceBusinessKey(String.valueOf(id))
                    // the emails and the meeting reminder are documentIssuing's, called by the route
                    .processDefinitionKey(DocumentIssuanceProcess.Issuing.KEY)
                    .singleResult()
                    .getId();
            await(
                    () -> runtime.createIncidentQuery()
                                    .processInstanceId(instance)
                                    .count()
                            == 1,
                    Duration.ofSeconds(10));

            Api.Response retried = as("vanthu").post("/api/deliveries/" + failed.id() + "/retry", Map.of());
            assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
            await(
                    () -> management
                                            .createJobQuery()
                                            .processInstanceId(instance)
                                            .noRetriesLeft()
                                            .count()
                                    == 1
                            && deliveries.get(failed.id()).state() != Delivery.State.PENDING,
                    Duration.ofSeconds(20));
            Delivery again = deliveries.get(failed.id());
            assertThat(again.state()).isEqualTo(Delivery.State.FAILED);
            assertThat(again.lastError()).isNotBlank();
            assertThat(as("vanthu").get("/api/deliveries?state=FAILED").text()).contains("nguoi1@" + domain);
        } finally {
            sender.setPort(realPort);
        }
        Delivery failed = deliveries.deliveries(id, Delivery.Kind.ISSUE).get(0);
        assertThat(as("vanthu")
                        .post("/api/deliveries/" + failed.id() + "/retry", Map.of())
                        .status())
                .isEqualTo(200);
        await(() -> deliveries.get(failed.id()).state() == Delivery.State.SENT, Duration.ofSeconds(20));
        assertThat(Mailbox.await(mailServer, domain, 1, Duration.ofSeconds(5))).hasSize(1);
    }

    @Test
    void aSignerWhoseTaskWaitsTooLongIsRemindedByEmail() throws Exception {
        long id = flow.create(Drafts.invitation("Chờ ký lâu", Drafts.uniqueDomain(), 1));
        flow.submit(id);
        flow.decideOk("chanhvanphong", id, Kind.REVIEW, Decision.APPROVE, null);
        String instance = runtime.createProcessInstanceQuery()
                .processInstanceBusinessKey(String.valueOf(id))
                .singleResult()
                .getId();
        Job timer =
                management.createJobQuery().processInstanceId(instance).timers().singleResult();
        assertThat(Duration.between(Instant.now(), timer.getDuedate().toInstant()))
                .isBetween(Duration.ofHours(23), Duration.ofHours(25));
        // found by subject, not by position: other tests' emails to @vanthu.local users may arrive
        // meanwhile, and the server lists messages by mailbox, not by arrival
        String subject = "[Nhắc việc] Văn bản chờ đồng chí ký: Chờ ký lâu";
        assertThat(withSubject(subject)).isEmpty();
        management.executeJob(timer.getId()); // the day has passed
        await(() -> !withSubject(subject).isEmpty(), Duration.ofSeconds(20));
        // the timer ran once, here: nothing of the instance is due to run again now
        assertThat(management
                        .createJobQuery()
                        .processInstanceId(instance)
                        .executable()
                        .count())
                .isZero();
        List<MimeMessage> reminders = withSubject(subject);
        assertThat(reminders).hasSize(1);
        assertThat(Mailbox.recipient(reminders.get(0))).isEqualTo("bithu@vanthu.local");
        assertThat(flow.taskOf("bithu", id, Kind.SIGN)).isNotBlank(); // the task is still the signer's
    }

    private List<MimeMessage> withSubject(String subject) {
        return Mailbox.to(mailServer, "vanthu.local").stream()
                .filter(m -> subject.equals(Mailbox.subject(m)))
                .toList();
    }

    @Test
    void aSendRunTwiceSendsOnceWithAMessageIdOfItsOwn() throws Exception {
        String domain = Drafts.uniqueDomain();
        long id = flow.issue(Drafts.invitation("Chạy lại công việc gửi thư", domain, 1))
                .get("id")
                .asLong();
        MimeMessage first =
                Mailbox.await(mailServer, domain, 1, Duration.ofSeconds(20)).get(0);
        await(
                () -> deliveries.deliveries(id, Delivery.Kind.ISSUE).get(0).state() == Delivery.State.SENT,
                Duration.ofSeconds(10));
        // each run sends (SMTP, synchronously) before it returns, or finds the delivery sent
        deliveries.send(id, Delivery.Kind.ISSUE, 0);
        deliveries.send(id, Delivery.Kind.ISSUE, 0);
        assertThat(Mailbox.to(mailServer, domain)).hasSize(1);
        assertThat(first.getMessageID()).isEqualTo("<vanthu." + id + ".issue.0@vanthu.local>");
    }

    @Test
    void theInvitationCarriesACalendarRequestThatCalendarsUnderstand() throws Exception {
        String domain = Drafts.uniqueDomain();
        Map<String, Object> draft = Drafts.invitation("Họp có lịch", domain, 1);
        JsonNode issued = flow.issue(draft);
        MimeMessage message =
                Mailbox.await(mailServer, domain, 1, Duration.ofSeconds(20)).get(0);
        Part calendarPart = Mailbox.part(message, "text/calendar");
        assertThat(type(calendarPart)).contains("method=REQUEST").contains("charset=UTF-8");
        assertThat(parentType(message, calendarPart)).startsWith("multipart/alternative");

        Calendar calendar = new CalendarBuilder().build(new StringReader(Mailbox.text(message, "text/calendar")));
        assertThat(calendar.getProperty(Property.METHOD).orElseThrow().getValue())
                .isEqualTo("REQUEST");
        VEvent event = (VEvent) calendar.getComponent("VEVENT").orElseThrow();
        // the invitee's own secret in the UID, which their calendar client's REPLY echoes
        assertThat(event.getProperty(Property.UID).orElseThrow().getValue())
                .matches("vanthu-" + issued.get("id").asLong() + "-[0-9a-f]{32}@vanthu\\.local");
        assertThat(event.getProperty(Property.SEQUENCE).orElseThrow().getValue())
                .isEqualTo("0");
        assertThat(event.getProperty(Property.DTSTAMP)).isPresent();
        Instant start = OffsetDateTime.parse((String) ((Map<?, ?>) draft.get("meeting")).get("start"))
                .toInstant();
        // in the office's time zone (TZID and its VTIMEZONE), not UTC
        assertThat(event.getProperty(Property.DTSTART).orElseThrow().getValue())
                .isEqualTo(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")
                        .format(start.atZone(java.time.ZoneId.of("Asia/Ho_Chi_Minh"))));
        assertThat(event.getProperty(Property.DTSTART)
                        .orElseThrow()
                        .getParameter("TZID")
                        .orElseThrow()
                        .getValue())
                .isEqualTo("Asia/Ho_Chi_Minh");
        assertThat(calendar.getComponent("VTIMEZONE")).isPresent();
        assertThat(event.getProperty(Property.LOCATION).orElseThrow().getValue())
                .isEqualTo("Hội trường Đảng ủy Khối, tầng 3");
        assertThat(event.getProperty(Property.ORGANIZER).orElseThrow().getValue())
                .isEqualTo("mailto:vanphong@vanthu.local");
        Property attendee = event.getProperty(Property.ATTENDEE).orElseThrow();
        assertThat(attendee.getValue()).isEqualTo("mailto:nguoi1@" + domain);
        assertThat(attendee.getParameter("RSVP").orElseThrow().getValue()).isEqualTo("TRUE");
    }

    @Test
    void aCarriageReturnInTheTextCannotAddLinesToTheDeliveredCalendar() throws Exception {
        String domain = Drafts.uniqueDomain();
        Map<String, Object> draft = Drafts.invitation("Họp có địa điểm lạ", domain, 2);
        long id = flow.create(draft);
        // validation refuses such text at save now; what was stored before (or reaches the mail
        // another way) must still not become calendar lines
        String injected = "\rDTSTART:20300101T000000Z\rATTENDEE:mailto:evil@x.vn";
        jdbc.update(
                "update document_version set location = ?, chair = ?, title = ? where document_id = ?",
                "Hội trường" + injected,
                "Bí thư\r\nATTENDEE:mailto:evil2@x.vn",
                "Họp\rLOCATION:Nơi khác",
                id);
        jdbc.update(
                "update version_recipient set name = ? where position = 0 and version_id in "
                        + "(select id from document_version where document_id = ?)",
                "Đồng chí A\rATTENDEE:mailto:evil3@x.vn",
                id);
        // plain ASCII is not encoded in the To header: a line break there would add a header
        jdbc.update(
                "update version_recipient set name = ? where position = 1 and version_id in "
                        + "(select id from document_version where document_id = ?)",
                "Dong chi B\r\nBcc: evil4@x.vn",
                id);
        flow.submit(id);
        flow.decideOk("chanhvanphong", id, Kind.REVIEW, Decision.APPROVE, null);
        assertThat(flow.decideOk("bithu", id, Kind.SIGN, Decision.SIGN, null)
                        .get("status")
                        .asText())
                .isEqualTo("ISSUED");

        List<MimeMessage> received = Mailbox.await(mailServer, domain, 2, Duration.ofSeconds(20));
        assertThat(received).hasSize(2);
        for (MimeMessage message : received) {
            assertThat(message.getHeader("Bcc")).isNull();
            assertThat(message.getAllRecipients()).hasSize(1);
            assertThat(jakarta.mail.internet.MimeUtility.unfold(message.getHeader("To")[0]))
                    .doesNotContain("\r", "\n");
            String ics = Mailbox.text(message, "text/calendar");
            // the event's lines: the VTIMEZONE has a DTSTART per observance
            List<String> lines =
                    List.of(ics.substring(ics.indexOf("BEGIN:VEVENT")).split("\r\n|\r|\n"));
            assertThat(lines).filteredOn(l -> l.startsWith("DTSTART")).hasSize(1);
            assertThat(lines).filteredOn(l -> l.startsWith("DTSTAMP")).hasSize(1);
            assertThat(lines).filteredOn(l -> l.startsWith("LOCATION")).hasSize(1);
            assertThat(lines).filteredOn(l -> l.startsWith("ATTENDEE")).hasSize(1);
            VEvent event = (VEvent) new CalendarBuilder()
                    .build(new StringReader(ics))
                    .getComponent("VEVENT")
                    .orElseThrow();
            assertThat(event.getProperties(Property.DTSTART)).hasSize(1);
            assertThat(event.getProperties(Property.DTSTAMP)).hasSize(1);
            List<Property> attendees = event.getProperties(Property.ATTENDEE);
            assertThat(attendees)
                    .extracting(Property::getValue)
                    .containsExactly("mailto:" + Mailbox.recipient(message));
            assertThat(event.getProperty(Property.LOCATION).orElseThrow().getValue())
                    .startsWith("Hội trường\nDTSTART");
        }
    }

    @Test
    void
            personalLinksRecordReceiptAndAnswersOnlyByTheirButtonsThenTheReminderSkipsWhoDeclinedAndTheRecallReachesEveryone()
                    throws Exception {
        String domain = Drafts.uniqueDomain();
        JsonNode issued = flow.issue(Drafts.invitation("Họp có trả lời", domain, 3));
        long id = issued.get("id").asLong();
        List<MimeMessage> received = Mailbox.await(mailServer, domain, 3, Duration.ofSeconds(20));
        Map<String, String> text = new java.util.HashMap<>();
        for (MimeMessage m : received) {
            text.put(Mailbox.recipient(m), Mailbox.text(m, "text/plain"));
        }

        // receipt: opening the link (as a mail gateway's link scanner does) only shows the page;
        // its button records receipt
        HttpClient browser = browser();
        String receiptLink = link(text.get("nguoi1@" + domain), "receipt");
        HttpResponse<String> receipt = get(browser, receiptLink);
        assertThat(receipt.statusCode()).isEqualTo(200);
        assertThat(receipt.body()).contains("Xác nhận đã nhận văn bản").doesNotContain("Đã ghi nhận");
        assertThat(get(browser(), receiptLink).statusCode()).isEqualTo(200);
        assertThat(flow.document(id).get("recipients").get(0).get("confirmedAt").isNull())
                .isTrue();
        assertThat(flow.document(id).get("history").toString()).doesNotContain("RECEIVED");
        // without the page's CSRF token (a forged cross-site POST) nothing is recorded either
        assertThat(browser()
                        .send(
                                HttpRequest.newBuilder(URI.create(receiptLink))
                                        .POST(HttpRequest.BodyPublishers.noBody())
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(403);
        assertThat(flow.document(id).get("recipients").get(0).get("confirmedAt").isNull())
                .isTrue();
        HttpResponse<String> confirmed = post(browser, receiptLink, receipt.body(), "");
        assertThat(confirmed.body()).contains("đã nhận được văn bản");
        assertThat(flow.document(id).get("recipients").get(0).get("confirmedAt").isNull())
                .isFalse();
        assertThat(get(browser, receiptLink).body()).contains("Đã ghi nhận").doesNotContain("<button");

        // decline: the link only opens a form; the answer is recorded by its POST, which is also the receipt
        String declineLink = link(text.get("nguoi2@" + domain), "decline");
        HttpResponse<String> form = get(browser, declineLink);
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("value=\"DECLINED\" checked");
        assertThat(flow.document(id).get("recipients").get(1).get("response").isNull())
                .isTrue();
        assertThat(flow.document(id).get("recipients").get(1).get("confirmedAt").isNull())
                .isTrue();
        HttpResponse<String> noReason = postAnswering(
                browser,
                declineLink.substring(0, declineLink.lastIndexOf('/')) + "/answer",
                form.body(),
                "&answer=DECLINED");
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(noReason.body()).contains("Xin ghi lý do không tham dự");
        assertThat(flow.document(id).get("recipients").get(1).get("response").isNull())
                .isTrue();
        assertThat(answer(browser, declineLink, get(browser, declineLink).body(), "DECLINED", null)
                        .body())
                .contains("không tham dự");
        assertThat(flow.document(id).get("recipients").get(1).get("response").asText())
                .isEqualTo("DECLINED");
        assertThat(flow.document(id).get("recipients").get(1).get("confirmedAt").isNull())
                .isFalse();

        // a changed answer replaces the earlier one; both stay in the history
        String attendLink = link(text.get("nguoi2@" + domain), "attend");
        answer(browser, attendLink, get(browser, attendLink).body(), "ATTENDING", null);
        assertThat(flow.document(id).get("recipients").get(1).get("response").asText())
                .isEqualTo("ATTENDING");
        answer(browser, declineLink, get(browser, declineLink).body(), "DECLINED", null);
        JsonNode document = flow.document(id);
        assertThat(document.get("recipients").get(1).get("response").asText()).isEqualTo("DECLINED");
        assertThat(document.get("history").toString()).contains("ANSWERED_DECLINED", "ANSWERED_ATTENDING");

        // delegate, with the name of who goes instead
        String delegateLink = link(text.get("nguoi3@" + domain), "delegate");
        assertThat(answer(browser, delegateLink, get(browser, delegateLink).body(), "DELEGATED", "Trần Văn Cử")
                        .body())
                .contains("Trần Văn Cử");
        assertThat(flow.document(id).get("recipients").get(2).get("response").asText())
                .isEqualTo("DELEGATED");

        // forged or malformed tokens get a plain 404
        assertThat(get(browser, base() + "/r/" + "A".repeat(43) + "/receipt").statusCode())
                .isEqualTo(404);
        assertThat(get(browser, base() + "/r/x/decline").statusCode()).isEqualTo(404);

        // the reminder timer, moved forward: the two who did not decline get it
        String instance = runtime.createProcessInstanceQuery()
                .processInstanceBusinessKey(String.valueOf(id))
                // the emails and the meeting reminder are documentIssuing's, called by the route
                .processDefinitionKey(DocumentIssuanceProcess.Issuing.KEY)
                .singleResult()
                .getId();
        Job timer =
                management.createJobQuery().processInstanceId(instance).timers().singleResult();
        Instant meetingStart = OffsetDateTime.parse(
                        issued.get("meeting").get("start").asText())
                .toInstant();
        assertThat(timer.getDuedate().toInstant()).isEqualTo(meetingStart.minus(Duration.ofDays(1)));
        management.executeJob(timer.getId());
        await(
                () -> subjects(domain).stream()
                                .filter(s -> s.startsWith("[Nhắc lịch họp]"))
                                .count()
                        == 2,
                Duration.ofSeconds(20));
        awaitNothingLeftToSend(id); // a third reminder would come from a send job still there
        assertThat(reminded(domain)).containsExactlyInAnyOrder("nguoi1@" + domain, "nguoi3@" + domain);

        // recall: clerks only, with a reason; every recipient is told, the invitation cancelled
        assertThat(as("chuyenvien")
                        .post("/api/documents/" + id + "/recall", Map.of("reason", "x"))
                        .status())
                .isEqualTo(403);
        assertThat(as("vanthu")
                        .post("/api/documents/" + id + "/recall", Map.of())
                        .status())
                .isEqualTo(400);
        Api.Response recalled =
                as("vanthu").post("/api/documents/" + id + "/recall", Map.of("reason", "Hoãn hội nghị."));
        assertThat(recalled.status()).as(recalled.toString()).isEqualTo(200);
        assertThat(recalled.json().get("status").asText()).isEqualTo("RECALLED");
        assertThat(as("vanthu")
                        .post("/api/documents/" + id + "/recall", Map.of("reason", "lần nữa"))
                        .status())
                .isEqualTo(409);
        await(
                () -> subjects(domain).stream()
                                .filter(s -> s.startsWith("[Thu hồi]"))
                                .count()
                        == 3,
                Duration.ofSeconds(20));
        // each recipient's cancel has the UID of the event their invitation carried
        Map<String, String> requestUids = new java.util.HashMap<>();
        for (MimeMessage m : Mailbox.to(mailServer, domain)) {
            boolean calendar = false;
            for (Part leaf : Mailbox.leaves(m)) {
                calendar |= leaf.isMimeType("text/calendar");
            }
            if (calendar && !m.getSubject().startsWith("[Thu hồi]")) {
                requestUids.put(Mailbox.recipient(m), uid(Mailbox.text(m, "text/calendar")));
            }
        }
        for (MimeMessage m : Mailbox.to(mailServer, domain)) {
            if (m.getSubject().startsWith("[Thu hồi]")) {
                assertThat(Mailbox.text(m, "text/plain")).contains("Hoãn hội nghị.");
                Part cancel = Mailbox.part(m, "text/calendar");
                assertThat(type(cancel)).contains("method=CANCEL");
                Calendar calendar = new CalendarBuilder().build(new StringReader(Mailbox.text(m, "text/calendar")));
                assertThat(calendar.getProperty(Property.METHOD).orElseThrow().getValue())
                        .isEqualTo("CANCEL");
                assertThat(calendar.getComponent("VEVENT")
                                .orElseThrow()
                                .getProperty(Property.UID)
                                .orElseThrow()
                                .getValue())
                        .matches("vanthu-" + id + "-[0-9a-f]{32}@vanthu\\.local")
                        .isEqualTo(requestUids.get(Mailbox.recipient(m)));
            }
        }
        String number = issued.get("number").asText();
        JsonNode notice = null;
        for (JsonNode n : anonymous().get("/api/public/notices").json()) {
            if (n.get("number").asText().equals(number)) {
                notice = n;
            }
        }
        assertThat(notice).isNotNull();
        assertThat(notice.get("recalled").asBoolean()).isTrue();
        // answers to a recalled invitation are not taken
        assertThat(answer(browser, attendLink, get(browser, attendLink).body(), "ATTENDING", null)
                        .body())
                .contains("thu hồi");
    }

    @Test
    void noReminderIsPlannedWhenItsMomentHasAlreadyPassed() {
        Map<String, Object> draft = Drafts.invitation("Họp gấp", Drafts.uniqueDomain(), 1);
        OffsetDateTime soon = OffsetDateTime.now(ZoneOffset.ofHours(7)).plusHours(5);
        draft.put(
                "meeting",
                Map.of("start", soon.toString(), "end", soon.plusHours(1).toString(), "location", "Phòng họp số 2"));
        long id = flow.issue(draft).get("id").asLong();
        assertThat(flow.document(id).get("urgent").asBoolean()).isTrue();
        runtime.createProcessInstanceQuery()
                .processInstanceBusinessKey(String.valueOf(id))
                .list()
                .forEach(pi -> assertThat(management
                                .createJobQuery()
                                .processInstanceId(pi.getId())
                                .timers()
                                .count())
                        .isZero());
    }

    // --- helpers

    private List<String> subjects(String domain) {
        List<String> subjects = new ArrayList<>();
        for (MimeMessage m : Mailbox.to(mailServer, domain)) {
            try {
                subjects.add(m.getSubject());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return subjects;
    }

    private List<String> reminded(String domain) throws Exception {
        List<String> to = new ArrayList<>();
        for (MimeMessage m : Mailbox.to(mailServer, domain)) {
            if (m.getSubject().startsWith("[Nhắc lịch họp]")) {
                to.add(Mailbox.recipient(m));
            }
        }
        return to;
    }

    private String base() {
        return "http://localhost:" + port;
    }

    /** The link of this action in an email's text, pointed at this test's server. */
    private String link(String text, String action) {
        Matcher m =
                Pattern.compile("https?://\\S+/r/([A-Za-z0-9_-]+)/" + action).matcher(text);
        assertThat(m.find()).as("no " + action + " link in: " + text).isTrue();
        return base() + "/r/" + m.group(1) + "/" + action;
    }

    private static HttpClient browser() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    }

    private static HttpResponse<String> get(HttpClient browser, String url) throws IOException, InterruptedException {
        return browser.send(
                HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Submits the answer form as a browser would: with the page's CSRF token and session cookie. */
    private static HttpResponse<String> answer(
            HttpClient browser, String link, String page, String answer, String delegate)
            throws IOException, InterruptedException {
        String action = link.substring(0, link.lastIndexOf('/')) + "/answer";
        // the decline page asks for the reason, the delegate page for the person's position too
        return post(
                browser,
                action,
                page,
                "&answer=" + answer
                        + (delegate == null
                                ? ""
                                : "&delegateName=" + URLEncoder.encode(delegate, StandardCharsets.UTF_8)
                                        + "&delegatePosition="
                                        + URLEncoder.encode("Phó Trưởng ban", StandardCharsets.UTF_8))
                        + ("DECLINED".equals(answer)
                                ? "&declineReason=" + URLEncoder.encode("Trùng lịch công tác", StandardCharsets.UTF_8)
                                : ""));
    }

    /** Posts a page's form to this action with the page's CSRF token and the browser's session cookie. */
    private static HttpResponse<String> post(HttpClient browser, String action, String page, String fields)
            throws IOException, InterruptedException {
        HttpResponse<String> response = postAnswering(browser, action, page, fields);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }

    /** As {@link #post}, whatever the status. */
    private static HttpResponse<String> postAnswering(HttpClient browser, String action, String page, String fields)
            throws IOException, InterruptedException {
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(csrf.find()).as("no CSRF token in the form").isTrue();
        String body = "_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8) + fields;
        HttpResponse<String> response = browser.send(
                HttpRequest.newBuilder(URI.create(action))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return response;
    }

    private static String parentType(Part root, Part target) throws Exception {
        if (root.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                if (child == target) {
                    return multipart.getContentType();
                }
                String found = parentType(child, target);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static String type(Part part) {
        try {
            return part.getContentType().replaceAll("\\s+", " ");
        } catch (Exception e) {
            return "";
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void await(BooleanSupplier condition, Duration timeout) {
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(50)).until(condition::getAsBoolean);
    }

    /**
     * Waits until the engine has no send job left to run for this document (none running, none waiting
     * for a retry): every email is sent or given up, and no further copy can come. Timers (reminders) stay.
     */
    private void awaitNothingLeftToSend(long documentId) {
        await(() -> sendJobsLeft(documentId) == 0, Duration.ofSeconds(30));
    }

    private long sendJobsLeft(long documentId) {
        long left = 0;
        for (var instance : runtime.createProcessInstanceQuery()
                .processInstanceBusinessKey(String.valueOf(documentId))
                .list()) {
            left += management
                    .createJobQuery()
                    .processInstanceId(instance.getId())
                    .messages()
                    .withRetriesLeft() // one out of retries runs no more
                    .count();
        }
        return left;
    }

    private static String uid(String ics) throws Exception {
        return new CalendarBuilder()
                .build(new StringReader(ics))
                .getComponent("VEVENT")
                .orElseThrow()
                .getProperty(Property.UID)
                .orElseThrow()
                .getValue();
    }
}
