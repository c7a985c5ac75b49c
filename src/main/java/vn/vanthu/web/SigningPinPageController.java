package vn.vanthu.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import vn.vanthu.security.Caller;
import vn.vanthu.signing.ClientSigningProperties;
import vn.vanthu.signing.SigningCertificates;
import vn.vanthu.signing.SigningKeys;
import vn.vanthu.signing.SigningPinChange;
import vn.vanthu.system.ConflictException;
import vn.vanthu.system.InvalidInputException;

/**
 * "Đổi mã PIN ký số": a signer changes the PIN of their own key. The PINs go from the form to
 * {@link SigningPinChange} and nowhere else: never into the model, so never back into the page.
 */
@Controller
class SigningPinPageController {

    static final String PATH = "/ma-pin-ky-so";
    static final String CHANGED = "Đã đổi mã PIN ký số. Từ nay đồng chí dùng mã PIN mới khi ký ban hành; "
            + "thư báo đã được gửi vào hộp thư của đồng chí.";

    private final SigningPinChange change;
    private final SigningCertificates certificates;
    private final ClientSigningProperties clientSigning;

    SigningPinPageController(
            SigningPinChange change, SigningCertificates certificates, ClientSigningProperties clientSigning) {
        this.change = change;
        this.certificates = certificates;
        this.clientSigning = clientSigning;
    }

    /** The token part of the page: whose certificate is enrolled now, and where the local agent is. */
    @ModelAttribute
    void tokenEnrolment(Model model, Authentication auth) {
        model.addAttribute("agentOrigin", clientSigning.agentOrigin());
        if (auth != null) {
            certificates
                    .enrolled(auth.getName())
                    .map(SigningKeys::commonName)
                    .ifPresent(name -> model.addAttribute("enrolledName", name));
        }
    }

    @GetMapping(PATH)
    String page(Model model, Authentication auth) {
        // a non-signer gets the 403 page (ForbiddenException through WebSupport)
        change.unavailable(Caller.of(auth)).ifPresent(why -> model.addAttribute("unavailable", why));
        model.addAttribute("errors", Map.of());
        return "web/signing-pin";
    }

    @PostMapping(PATH)
    String change(
            @RequestParam(required = false) String currentPin,
            @RequestParam(required = false) String newPin,
            @RequestParam(required = false) String repeatPin,
            Model model,
            Authentication auth,
            RedirectAttributes flash) {
        Caller caller = Caller.of(auth);
        Optional<String> unavailable = change.unavailable(caller);
        model.addAttribute("errors", Map.of());
        if (unavailable.isPresent()) {
            model.addAttribute("unavailable", unavailable.get());
            return "web/signing-pin";
        }
        // every rule of the form at once; the current PIN is tried (and counted) only when the rest is right
        Map<String, String> errors = new LinkedHashMap<>();
        if (currentPin == null || currentPin.isBlank()) {
            errors.put(SigningPinChange.CURRENT, "Cần nhập mã PIN ký số hiện tại.");
        }
        errors.putAll(SigningPinChange.newPinErrors(currentPin, newPin));
        if (repeatPin == null || repeatPin.isEmpty()) {
            errors.put(SigningPinChange.REPEAT, "Cần nhập lại mã PIN mới.");
        } else if (!repeatPin.equals(newPin)) {
            errors.put(SigningPinChange.REPEAT, "Mã PIN nhập lại không khớp với mã PIN mới.");
        }
        try {
            if (!errors.isEmpty()) {
                throw new InvalidInputException(errors);
            }
            change.change(caller, currentPin, newPin);
        } catch (InvalidInputException e) {
            model.addAttribute("errors", e.fieldErrors());
            return "web/signing-pin";
        } catch (ConflictException e) {
            // blocked by this very attempt's neighbour, or a token configured meanwhile: say why, without the form
            model.addAttribute("unavailable", e.getMessage());
            return "web/signing-pin";
        }
        flash.addFlashAttribute("notice", CHANGED);
        return "redirect:" + PATH;
    }
}
