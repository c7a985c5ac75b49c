package vn.vanthu.distribution;

import java.util.List;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import vn.vanthu.directory.Groups;
import vn.vanthu.security.Caller;
import vn.vanthu.system.ForbiddenException;
import vn.vanthu.system.InvalidInputException;

/** GET /api/deliveries?state=FAILED: what the clerk has to look after. */
@RestController
class DeliveryController {

    private final DeliveryService deliveries;

    DeliveryController(DeliveryService deliveries) {
        this.deliveries = deliveries;
    }

    @GetMapping("/api/deliveries")
    List<FailedDelivery> failed(@RequestParam(defaultValue = "FAILED") String state, Authentication auth) {
        Caller caller = Caller.of(auth);
        if (!caller.isIn(Groups.CLERKS) && !caller.isIn(Groups.ADMINS)) {
            throw new ForbiddenException("Chỉ văn thư mới xem được danh sách thư gửi lỗi.");
        }
        if (!"FAILED".equals(state)) {
            throw InvalidInputException.of("state", "Chỉ hỗ trợ state=FAILED.");
        }
        return deliveries.failed(500);
    }
}
