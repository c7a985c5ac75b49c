package vn.vanthu.document;

import java.time.Instant;
import java.util.List;

/** The content of a draft, validated; what a {@link DocumentVersion} stores. */
public record DraftContent(String title, String body, List<Recipient> recipients, String signer, Meeting meeting) {

    /** replyBy: "Đề nghị xác nhận trước …" in the invitation email (issue 14), optional. */
    public record Meeting(Instant start, Instant end, String location, String chair, String invitees,
                          String preparation, String contact, Instant replyBy) {
    }
}
