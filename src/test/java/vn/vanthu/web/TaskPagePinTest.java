package vn.vanthu.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.ui.ExtendedModelMap;
import org.springframework.web.servlet.mvc.support.RedirectAttributesModelMap;
import vn.vanthu.directory.Groups;
import vn.vanthu.document.DocumentViews;
import vn.vanthu.security.Caller;
import vn.vanthu.system.InvalidInputException;
import vn.vanthu.workflow.DocumentIssuanceProcess.Decision;
import vn.vanthu.workflow.DocumentIssuanceProcess.Kind;
import vn.vanthu.workflow.DocumentWorkflow;
import vn.vanthu.workflow.TaskDecision;
import vn.vanthu.workflow.TaskView;
import vn.vanthu.workflow.WorkItems;

/** The sign form passes the PIN on, and a wrong PIN comes back beside the PIN field, never into the page. No Spring. */
class TaskPagePinTest {

    final WorkItems workItems = mock(WorkItems.class);
    final DocumentWorkflow workflow = mock(DocumentWorkflow.class);
    final vn.vanthu.signing.SigningPins pins = mock(vn.vanthu.signing.SigningPins.class);
    final DocumentViews views = mock(DocumentViews.class);
    // no remote signers: bithu signs with his PIN
    final TaskController controller = new TaskController(
            mock(HomeSummary.class),
            mock(vn.vanthu.document.MeetingPapers.class),
            workItems,
            workflow,
            views,
            new vn.vanthu.signing.RemoteSigningProperties(null, null, null, null, null, null, null),
            new vn.vanthu.signing.ClientSigningProperties(
                    java.time.Duration.ofMinutes(5), java.net.URI.create("http://127.0.0.1:8765")),
            mock(vn.vanthu.workflow.BatchSigning.class),
            pins);
    final Authentication bithu =
            new UsernamePasswordAuthenticationToken("bithu", "x", List.of(new SimpleGrantedAuthority(Groups.SIGNERS)));

    TaskPagePinTest() {
        when(workItems.openFor(eq("bithu"), any()))
                .thenReturn(List.of(new TaskView(
                        "t1", "sign", Kind.SIGN.wire(), "Ký ban hành", 7L, "GM", "Hội nghị", null, null, false)));
    }

    @Test
    void thePinGoesToTheWorkflowWithTheSignDecision() {
        when(workflow.complete(any(), any(), any())).thenReturn(7L);
        String view = controller.decide(
                "t1",
                Decision.SIGN.wire(),
                null,
                "1234",
                new ExtendedModelMap(),
                bithu,
                new RedirectAttributesModelMap());
        assertThat(view).isEqualTo("redirect:/van-ban/7");
        ArgumentCaptor<TaskDecision> sent = ArgumentCaptor.forClass(TaskDecision.class);
        verify(workflow).complete(eq("t1"), sent.capture(), eq(Caller.of(bithu)));
        assertThat(sent.getValue().pin()).isEqualTo("1234");
        assertThat(sent.getValue().toString()).doesNotContain("1234");
    }

    @Test
    void aWrongPinIsShownBesideThePinField() {
        when(workflow.complete(any(), any(), any())).thenThrow(InvalidInputException.of("pin", "Mã PIN không đúng."));
        ExtendedModelMap model = new ExtendedModelMap();
        String view = controller.decide(
                "t1", Decision.SIGN.wire(), "ghi chú", "0000", model, bithu, new RedirectAttributesModelMap());
        assertThat(view).isEqualTo("web/task");
        assertThat(model.get("pinError")).isEqualTo("Mã PIN không đúng.");
        assertThat(model.get("commentError")).isNull();
        assertThat(model.get("signTask")).isEqualTo(true);
        assertThat(model.get("comment")).isEqualTo("ghi chú");
        assertThat(model.asMap().values()).doesNotContain("0000");
    }

    @Test
    void aMissingReasonIsShownBesideTheComment() {
        when(workflow.complete(any(), any(), any()))
                .thenThrow(InvalidInputException.of("comment", "Cần ghi rõ lý do khi trả lại hoặc không ký."));
        ExtendedModelMap model = new ExtendedModelMap();
        controller.decide("t1", Decision.REJECT.wire(), null, null, model, bithu, new RedirectAttributesModelMap());
        assertThat(model.get("commentError")).asString().contains("lý do");
        assertThat(model.get("pinError")).isNull();
    }

    @Test
    void aBlockedKeyStaysOnTheTaskAndSaysUntilWhen() {
        java.time.Instant until = java.time.Instant.parse("2026-11-28T03:15:00Z"); // 10:15 in Vietnam
        when(pins.blockedUntil("bithu")).thenReturn(java.util.Optional.of(until));
        when(workflow.complete(any(), any(), any()))
                .thenThrow(new vn.vanthu.system.ConflictException(
                        "Khóa ký số tạm khóa do nhập sai mã PIN nhiều lần; thử lại sau 10:15."));
        ExtendedModelMap model = new ExtendedModelMap();
        RedirectAttributesModelMap flash = new RedirectAttributesModelMap();
        String view = controller.decide("t1", Decision.SIGN.wire(), null, "1234", model, bithu, flash);
        // the task is still the signer's: not "handled by someone else"
        assertThat(view).isEqualTo("web/task");
        assertThat(model.get("pinError")).asString().contains("10:15");
        assertThat(flash.getFlashAttributes()).doesNotContainKey("error");

        // and the page, opened again, says the key is blocked until when
        vn.vanthu.document.DocumentView doc = mock(vn.vanthu.document.DocumentView.class);
        when(doc.signer()).thenReturn("bithu");
        when(views.view(7L)).thenReturn(doc);
        ExtendedModelMap again = new ExtendedModelMap();
        assertThat(controller.task("t1", again, bithu, new RedirectAttributesModelMap()))
                .isEqualTo("web/task");
        assertThat(again.get("keyBlockedUntil")).isEqualTo("10:15");
    }
}
