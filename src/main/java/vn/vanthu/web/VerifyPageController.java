package vn.vanthu.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;
import vn.vanthu.security.ClientAddresses;
import vn.vanthu.signing.PdfVerification;
import vn.vanthu.signing.VerificationGate;
import vn.vanthu.system.InvalidInputException;

/** The public page where a recipient checks the PDF they received (/xac-minh), through the same gate as the API. */
@Controller
class VerifyPageController {

    private final VerificationGate gate;
    private final ClientAddresses addresses;

    VerifyPageController(VerificationGate gate, ClientAddresses addresses) {
        this.gate = gate;
        this.addresses = addresses;
    }

    @GetMapping("/xac-minh")
    String page(Model model) {
        model.addAttribute("maxMb", PdfVerification.MAX_BYTES / (1024 * 1024));
        return "verify";
    }

    @PostMapping("/xac-minh")
    String verify(
            @RequestParam(name = "file", required = false) MultipartFile file, HttpServletRequest request, Model model)
            throws IOException {
        model.addAttribute("maxMb", PdfVerification.MAX_BYTES / (1024 * 1024));
        try {
            if (file != null && file.getSize() > PdfVerification.MAX_BYTES) {
                throw PdfVerification.tooLarge();
            }
            model.addAttribute(
                    "result", gate.check(addresses.of(request), file == null ? new byte[0] : file.getBytes()));
            model.addAttribute("fileName", file.getOriginalFilename());
        } catch (InvalidInputException e) {
            model.addAttribute("error", String.join(" ", e.fieldErrors().values()));
        } catch (VerificationGate.Refused e) {
            // busy, too many files from this address, or too complex: the same words as the API's
            model.addAttribute("error", e.getMessage());
        }
        return "verify";
    }

    @ExceptionHandler(MultipartException.class)
    ModelAndView badUpload() {
        ModelAndView page = new ModelAndView("verify");
        page.addObject("maxMb", PdfVerification.MAX_BYTES / (1024 * 1024));
        page.addObject(
                "error",
                "Tệp tải lên không đọc được hoặc quá lớn (tối đa " + PdfVerification.MAX_BYTES / (1024 * 1024)
                        + " MB).");
        return page;
    }
}
