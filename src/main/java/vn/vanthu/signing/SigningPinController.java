package vn.vanthu.signing;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import vn.vanthu.security.Caller;
import vn.vanthu.system.InvalidInputException;

@RestController
class SigningPinController {

    private final SigningPinChange change;

    SigningPinController(SigningPinChange change) {
        this.change = change;
    }

    /**
     * PUT /api/me/signing-pin {"currentPin": "…", "newPin": "…"}: a signer changes their own
     * signing PIN. 204; 400 with field errors (a wrong currentPin is counted like a signing
     * attempt); 409 while the key is blocked, or when it lives in a PKCS#11 token; 403 for
     * anyone but a signer. The owner is told by email.
     */
    @PutMapping("/api/me/signing-pin")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void change(@RequestBody(required = false) PinChangeRequest request, Authentication auth) {
        if (request == null) {
            throw InvalidInputException.of(SigningPinChange.CURRENT, "Cần gửi currentPin và newPin.");
        }
        change.change(Caller.of(auth), request.currentPin(), request.newPin());
    }

    /** The PINs never show in a log line or an error: toString leaves them out. */
    record PinChangeRequest(String currentPin, String newPin) {
        @Override
        public String toString() {
            return "PinChangeRequest[…]";
        }
    }
}
