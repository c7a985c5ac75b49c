package vn.vanthu.operations;

import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.vanthu.system.InvalidInputException;

/**
 * GET /api/public/instance?nonce=…: "this is Văn thư, and of which installation", for
 * {@link PublicUrlCheck}. Unauthenticated (the check comes through the public address, signed in as
 * nobody); it proves the installation with an HMAC of the caller's nonce, so it gives away no
 * reusable value and reads nothing else.
 */
@RestController
class InstanceController {

    private static final Pattern NONCE = Pattern.compile("[0-9a-f]{16,64}");

    private final PublicUrlCheck check;

    InstanceController(PublicUrlCheck check) {
        this.check = check;
    }

    @GetMapping("/api/public/instance")
    Map<String, String> instance(@RequestParam(required = false) String nonce) {
        if (nonce == null || !NONCE.matcher(nonce).matches()) {
            throw InvalidInputException.of("nonce", "Cần một chuỗi thập lục phân 16–64 ký tự.");
        }
        return Map.of("application", PublicUrlCheck.APPLICATION, "proof", check.proof(nonce));
    }
}
