package vn.vanthu.issuing;

import org.springframework.stereotype.Service;

/**
 * The leader's own act of signing: the unnumbered final text of the document's current version,
 * signed with the leader's key, which only the PIN the leader gives now unlocks. Called inside the
 * transaction that completes the sign task, so that the signed draft and the SIGNED decision
 * commit together.
 */
@Service
public class LeaderSignature {

    /**
     * Signs the current version of the document as {@code signerUserId}.
     *
     * @throws vn.vanthu.system.InvalidInputException field "pin" when the PIN is missing or wrong
     * @throws vn.vanthu.system.ConflictException     when the key is blocked or unusable
     */
    public void sign(Long documentId, String signerUserId, String pin) {
        // implemented with the DSS signer (issue 11/12); until then signing needs no PIN
    }
}
