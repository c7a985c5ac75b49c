package vn.vanthu.distribution;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether a calendar REPLY comes from the invitee it answers for. Anyone can email the office a
 * REPLY naming any ATTENDEE, and the plain UID {@code vanthu-{id}@domain} is guessable; so an
 * answer counts only when the UID carries the secret of that invitee's own invitation, which only
 * their mailbox received. Invitations sent before secrets fall back to the From address, weak but
 * all there is for them.
 */
final class ReplyProof {

    /** A failing verdict of the office's mail server; a forged "fail" only hurts its forger. */
    private static final Pattern FAILED =
            Pattern.compile("\\b(dkim|spf|dmarc)\\s*=\\s*fail\\b", Pattern.CASE_INSENSITIVE);

    private ReplyProof() {}

    /** The invitees the reply answers for, or why it is not proven (in words for the clerks). */
    record Checked(List<Delivery> invitees, String doubt) {
        static Checked doubt(String why) {
            return new Checked(List.of(), why);
        }
    }

    static boolean failedAuthentication(List<String> authenticationResults) {
        return authenticationResults.stream()
                .anyMatch(h -> h != null && FAILED.matcher(h).find());
    }

    /**
     * @param secret the secret of the REPLY's UID, null for the plain UID
     * @param invitees the document's issue deliveries to the ATTENDEE's address
     * @param from the message's From address, may be null
     */
    static Checked check(String secret, List<Delivery> invitees, String from, Deliveries deliveries) {
        Long documentId = invitees.get(0).documentId();
        if (secret != null) {
            Optional<Delivery> owner = deliveries.byReplySecret(documentId, secret);
            if (owner.isEmpty()) {
                return Checked.doubt("Mã riêng trong thư không khớp giấy mời nào.");
            }
            if (!owner.get().email().equalsIgnoreCase(invitees.get(0).email())) {
                return Checked.doubt("Mã riêng trong thư là của giấy mời gửi "
                        + owner.get().email() + ", không phải của người được trả lời thay.");
            }
            return new Checked(List.of(owner.get()), null);
        }
        List<Delivery> unsecured = invitees.stream()
                .filter(d -> deliveries.replySecret(documentId, d.position()).isEmpty())
                .toList();
        if (unsecured.isEmpty()) {
            return Checked.doubt("Thư không mang mã riêng của giấy mời gửi người này.");
        }
        if (from == null || !from.equalsIgnoreCase(invitees.get(0).email())) {
            return Checked.doubt("Thư không gửi từ địa chỉ của người được mời.");
        }
        return new Checked(unsecured, null);
    }
}
