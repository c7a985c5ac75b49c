package vn.vanthu.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import vn.vanthu.security.Caller;
import vn.vanthu.system.InvalidInputException;
import vn.vanthu.workflow.RouteError;
import vn.vanthu.workflow.RouteRefusedException;
import vn.vanthu.workflow.Routes;

/**
 * "Quy trình" (/quan-tri/quy-trinh): the deployed routes and their versions, an upload form that
 * shows a refused file's errors beside it, and per document type the route its drafts start on.
 */
@Controller
class RoutesPageController {

    private final Routes routes;

    RoutesPageController(Routes routes) {
        this.routes = routes;
    }

    @GetMapping("/quan-tri/quy-trinh")
    ModelAndView page(Authentication auth) {
        return page(Caller.of(auth), List.of(), null, HttpStatus.OK);
    }

    private ModelAndView page(Caller caller, List<RouteError> errors, String fileName, HttpStatus status) {
        ModelAndView page = new ModelAndView("web/routes", status);
        page.addObject("overview", routes.overview(caller)); // asks AccessPolicy: administrators only
        page.addObject("uploadErrors", errors);
        page.addObject("uploadedName", fileName);
        return page;
    }

    /** The upload form (multipart, the CSRF token in the URL). */
    @PostMapping("/quan-tri/quy-trinh")
    ModelAndView upload(
            @RequestParam(value = "file", required = false) MultipartFile file,
            Authentication auth,
            HttpServletRequest request,
            RedirectAttributes flash)
            throws IOException {
        Caller caller = Caller.of(auth);
        String name = file == null ? null : file.getOriginalFilename();
        try {
            Routes.Deployed deployed = routes.deploy(name, file == null ? null : file.getBytes(), caller, request);
            flash.addFlashAttribute(
                    "notice",
                    "Đã triển khai quy trình " + deployed.processKey() + ", phiên bản " + deployed.version()
                            + ". Văn bản đang xử lý vẫn đi hết theo phiên bản cũ.");
            return new ModelAndView("redirect:/quan-tri/quy-trinh");
        } catch (RouteRefusedException e) {
            return page(caller, e.errors(), name, HttpStatus.BAD_REQUEST);
        }
    }

    /** One type's select: a route's key, or empty for the default route. */
    @PostMapping("/quan-tri/quy-trinh/loai/{type}")
    String bind(
            @PathVariable String type,
            @RequestParam(required = false) String processKey,
            Authentication auth,
            HttpServletRequest request,
            RedirectAttributes flash) {
        Caller caller = Caller.of(auth);
        try {
            Routes.TypeRoute bound = processKey == null || processKey.isBlank()
                    ? routes.unbind(type, caller, request)
                    : routes.bind(type, processKey, caller, request);
            flash.addFlashAttribute(
                    "notice",
                    "Văn bản loại " + bound.typeName() + " trình từ nay đi theo quy trình " + bound.processKey()
                            + (bound.bound() ? "." : " (mặc định)."));
        } catch (InvalidInputException e) {
            flash.addFlashAttribute("error", String.join(" ", e.fieldErrors().values()));
        } catch (RouteRefusedException e) {
            flash.addFlashAttribute(
                    "error",
                    "Quy trình không hợp lệ: "
                            + String.join(
                                    " ",
                                    e.errors().stream()
                                            .map(r -> r.element() + ": " + r.message())
                                            .toList()));
        }
        return "redirect:/quan-tri/quy-trinh";
    }
}
