package vn.vanthu.distribution;

import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.vanthu.document.AccessPolicy;
import vn.vanthu.document.AccessPolicy.Action;
import vn.vanthu.security.Caller;
import vn.vanthu.system.InvalidInputException;

/** GET /api/deliveries?state=FAILED: what the clerk has to look after. */
@RestController
class DeliveryController {

    private final DeliveryService deliveries;
    private final AccessPolicy access;

    DeliveryController(DeliveryService deliveries, AccessPolicy access) {
        this.deliveries = deliveries;
        this.access = access;
    }

    @GetMapping("/api/deliveries")
    List<FailedDelivery> failed(@RequestParam(defaultValue = "FAILED") String state, Authentication auth) {
        access.check(Caller.of(auth), Action.LIST_FAILED_DELIVERIES);
        if (!"FAILED".equals(state)) {
            throw InvalidInputException.of("state", "Chỉ hỗ trợ state=FAILED.");
        }
        return deliveries.failed(500);
    }
}
