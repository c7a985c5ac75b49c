package vn.vanthu.issuing;

import vn.vanthu.document.Document;
import vn.vanthu.document.DocumentStatus;
import vn.vanthu.system.ConflictException;
import vn.vanthu.system.ForbiddenException;

/**
 * What every way of signing checks itself before the leader's key is touched (with a PIN, a remote
 * service, the leader's own token): the document waits for this leader's signature. The API asked
 * AccessPolicy already; this is the service's own precondition, since Camunda's APIs can reach a
 * sign step with any variables.
 */
final class SignStep {

    private SignStep() {}

    static Document awaitingSignatureBy(Document document, String signerUserId) {
        if (!document.getSigner().equals(signerUserId)) {
            throw new ForbiddenException("Chỉ lãnh đạo được chọn ký văn bản này mới ký được.");
        }
        if (document.getStatus() != DocumentStatus.AWAITING_SIGNATURE) {
            throw new ConflictException("Văn bản không ở bước chờ ký.");
        }
        return document;
    }
}
