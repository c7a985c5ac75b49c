package vn.vanthu.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import vn.vanthu.directory.Directory;
import vn.vanthu.directory.Groups;
import vn.vanthu.directory.PasswordChanges;
import vn.vanthu.document.AccessPolicy;
import vn.vanthu.notification.Notifications;
import vn.vanthu.operations.PublicUrlCheck;
import vn.vanthu.security.Caller;
import vn.vanthu.security.SecurityAudit;
import vn.vanthu.system.ConflictException;
import vn.vanthu.system.ForbiddenException;
import vn.vanthu.system.InvalidInputException;
import vn.vanthu.workflow.RouteError;
import vn.vanthu.workflow.RouteRefusedException;
import vn.vanthu.workflow.Routes;
import vn.vanthu.workflow.WorkItems;

/**
 * The fast tier of the pages: page controllers behind Spring MVC's own dispatch (MockMvc, standalone:
 * no application context, so no context start), with the app's page advice (WebSupport) and the real
 * AccessPolicy. What they call below the web layer is stubbed; the whole app's pages are checked end to
 * end elsewhere (AccessRulesTest, EndpointMatrixTest, BrowserWalkthroughTest). Here: addresses, form
 * binding, status codes, views, what goes into the model (and what never does), redirects and their
 * flash messages.
 */
class PageControllersSliceTest {

    final PasswordChanges passwords = mock(PasswordChanges.class);
    final SecurityAudit audit = mock(SecurityAudit.class);
    final Routes routes = mock(Routes.class);
    final Notifications notifications = mock(Notifications.class);

    final MockMvc mvc = MockMvcBuilders.standaloneSetup(
                    new PasswordChangePageController(passwords, audit),
                    new RoutesPageController(routes),
                    new NotificationsPageController(notifications))
            .setControllerAdvice(new WebSupport(
                    mock(Directory.class),
                    new AccessPolicy(),
                    mock(WorkItems.class),
                    mock(PublicUrlCheck.class),
                    notifications))
            .build();

    static Authentication as(String user, String... groups) {
        return new UsernamePasswordAuthenticationToken(
                user,
                "x",
                java.util.Arrays.stream(groups).map(SimpleGrantedAuthority::new).toList());
    }

    final Authentication chuyenvien = as("chuyenvien", Groups.DRAFTERS);
    final Authentication admin = as("admin", Groups.ADMINS);

    // --- Đổi mật khẩu

    @Test
    void thePasswordPageSaysWhetherTheChangeIsRequired() throws Exception {
        when(passwords.required("chuyenvien")).thenReturn(true);
        mvc.perform(get("/doi-mat-khau").principal(chuyenvien))
                .andExpect(status().isOk())
                .andExpect(view().name("web/password-change"))
                .andExpect(model().attribute("required", true))
                .andExpect(model().attribute("errors", Map.of()));
    }

    @Test
    void aRefusedNewPasswordComesBackBesideItsFieldAndNoPasswordGoesIntoThePage() throws Exception {
        doThrow(InvalidInputException.of("repeatPassword", "Hai lần nhập mật khẩu mới không khớp."))
                .when(passwords)
                .changeOwn("chuyenvien", "cu-Mat-khau-1", "Moi-Mat-khau-22", "Khac-Mat-khau-3");
        MvcResult result = mvc.perform(post("/doi-mat-khau")
                        .principal(chuyenvien)
                        .param("currentPassword", "cu-Mat-khau-1")
                        .param("newPassword", "Moi-Mat-khau-22")
                        .param("repeatPassword", "Khac-Mat-khau-3"))
                .andExpect(status().isBadRequest())
                .andExpect(view().name("web/password-change"))
                .andExpect(
                        model().attribute("errors", Map.of("repeatPassword", "Hai lần nhập mật khẩu mới không khớp.")))
                .andReturn();
        assertThat(result.getModelAndView().getModel().values().toString())
                .doesNotContain("cu-Mat-khau-1", "Moi-Mat-khau-22", "Khac-Mat-khau-3");
        verify(audit, never()).recordFrom(any(), any(), any(), any());
    }

    @Test
    void aPasswordUsedBeforeIsAConflictBesideTheNewPassword() throws Exception {
        doThrow(new ConflictException("Mật khẩu mới phải khác mật khẩu cũ."))
                .when(passwords)
                .changeOwn(eq("chuyenvien"), any(), any(), any());
        mvc.perform(post("/doi-mat-khau")
                        .principal(chuyenvien)
                        .param("currentPassword", "a")
                        .param("newPassword", "a")
                        .param("repeatPassword", "a"))
                .andExpect(status().isConflict())
                .andExpect(model().attribute("errors", Map.of("newPassword", "Mật khẩu mới phải khác mật khẩu cũ.")));
    }

    @Test
    void aChangedPasswordIsAuditedAndLeadsHomeWithANotice() throws Exception {
        mvc.perform(post("/doi-mat-khau")
                        .principal(chuyenvien)
                        .param("currentPassword", "cu")
                        .param("newPassword", "Moi-Mat-khau-22")
                        .param("repeatPassword", "Moi-Mat-khau-22"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/"))
                .andExpect(flash().attribute("notice", "Đã đổi mật khẩu."));
        verify(passwords).changeOwn("chuyenvien", "cu", "Moi-Mat-khau-22", "Moi-Mat-khau-22");
        verify(audit).recordFrom(eq(SecurityAudit.Kind.PASSWORD_CHANGED), eq("chuyenvien"), any(), isNull());
    }

    // --- Quy trình

    @Test
    void theRoutesPageIsTheProblemPageWithA403ForWhomTheOverviewRefuses() throws Exception {
        when(routes.overview(Caller.of(chuyenvien)))
                .thenThrow(new ForbiddenException("Chỉ quản trị viên quản lý quy trình."));
        mvc.perform(get("/quan-tri/quy-trinh").principal(chuyenvien))
                .andExpect(status().isForbidden())
                .andExpect(view().name("web/problem"))
                .andExpect(model().attribute("title", "Không có quyền"))
                .andExpect(model().attribute("message", "Chỉ quản trị viên quản lý quy trình."));
    }

    @Test
    void aRefusedRouteFileIsShownWithItsErrorsBesideTheForm() throws Exception {
        MockMultipartFile file = new MockMultipartFile("file", "quy-trinh.bpmn", "text/xml", "<x/>".getBytes());
        List<RouteError> errors = List.of(new RouteError("sign", "Bước ký phải giao cho nhóm signers."));
        when(routes.deploy(eq("quy-trinh.bpmn"), any(), eq(Caller.of(admin)), any()))
                .thenThrow(new RouteRefusedException(errors));
        when(routes.overview(Caller.of(admin))).thenReturn(new Routes.Overview(List.of(), List.of()));
        mvc.perform(multipart("/quan-tri/quy-trinh").file(file).principal(admin))
                .andExpect(status().isBadRequest())
                .andExpect(view().name("web/routes"))
                .andExpect(model().attribute("uploadErrors", errors))
                .andExpect(model().attribute("uploadedName", "quy-trinh.bpmn"));
    }

    @Test
    void aDeployedRouteLeadsBackWithItsKeyAndVersion() throws Exception {
        MockMultipartFile file = new MockMultipartFile("file", "quy-trinh.bpmn", "text/xml", "<x/>".getBytes());
        when(routes.deploy(eq("quy-trinh.bpmn"), eq("<x/>".getBytes()), eq(Caller.of(admin)), any()))
                .thenReturn(new Routes.Deployed("banHanhBaCap", 3));
        mvc.perform(multipart("/quan-tri/quy-trinh").file(file).principal(admin))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/quan-tri/quy-trinh"))
                .andExpect(flash().attribute(
                                "notice",
                                "Đã triển khai quy trình banHanhBaCap, phiên bản 3."
                                        + " Văn bản đang xử lý vẫn đi hết theo phiên bản cũ."));
    }

    @Test
    void anEmptyRouteChoiceGoesBackToTheDefaultRoute() throws Exception {
        when(routes.unbind(eq("GM"), eq(Caller.of(admin)), any()))
                .thenReturn(new Routes.TypeRoute("GM", "Giấy mời", "documentIssuance", false, null, null));
        mvc.perform(post("/quan-tri/quy-trinh/loai/GM").param("processKey", " ").principal(admin))
                .andExpect(redirectedUrl("/quan-tri/quy-trinh"))
                .andExpect(flash().attribute(
                                "notice",
                                "Văn bản loại Giấy mời trình từ nay đi theo quy trình documentIssuance (mặc định)."));
        verify(routes, never()).bind(any(), any(), any(), any());
    }

    @Test
    void aRouteBindingRefusedIsAFlashErrorNotAPage() throws Exception {
        when(routes.bind(eq("GM"), eq("khongCo"), eq(Caller.of(admin)), any()))
                .thenThrow(InvalidInputException.of("processKey", "Không có quy trình khongCo."));
        when(routes.bind(eq("KL"), eq("banHanhBaCap"), eq(Caller.of(admin)), any()))
                .thenReturn(new Routes.TypeRoute(
                        "KL", "Kết luận", "banHanhBaCap", true, "admin", Instant.parse("2026-12-07T00:00:00Z")));
        mvc.perform(post("/quan-tri/quy-trinh/loai/GM")
                        .param("processKey", "khongCo")
                        .principal(admin))
                .andExpect(redirectedUrl("/quan-tri/quy-trinh"))
                .andExpect(flash().attribute("error", "Không có quy trình khongCo."));
        mvc.perform(post("/quan-tri/quy-trinh/loai/KL")
                        .param("processKey", "banHanhBaCap")
                        .principal(admin))
                .andExpect(flash().attribute(
                                "notice", "Văn bản loại Kết luận trình từ nay đi theo quy trình banHanhBaCap."));
    }

    // --- Thông báo

    @Test
    void theNotificationsPageShowsOnesOwnInbox() throws Exception {
        Notifications.Inbox inbox = new Notifications.Inbox(List.of(), 0);
        when(notifications.inbox(Caller.of(chuyenvien))).thenReturn(inbox);
        mvc.perform(get("/thong-bao-cua-toi").principal(chuyenvien))
                .andExpect(status().isOk())
                .andExpect(view().name("web/notifications"))
                .andExpect(model().attribute("inbox", inbox));
    }
}
