package vn.vanthu.issuing;

import org.springframework.stereotype.Component;

import vn.vanthu.signing.NoSigningKeyException;
import vn.vanthu.signing.SigningKeys;
import vn.vanthu.system.ConflictException;
import vn.vanthu.workflow.SigningReadiness;

/** A signer without a usable key is refused at the sign step, with the reason. */
@Component
class SigningReadinessCheck implements SigningReadiness {

    private final SigningKeys keys;

    SigningReadinessCheck(SigningKeys keys) {
        this.keys = keys;
    }

    @Override
    public void check(String signerUserId) {
        try {
            keys.signer(signerUserId);
        } catch (NoSigningKeyException e) {
            throw new ConflictException(e.getMessage() + " Không thể ký ban hành; hãy liên hệ quản trị hệ thống.");
        }
    }
}
