package vn.vanthu.numbering;

import java.time.OffsetDateTime;

/** One line of the outgoing register (Sổ đăng ký văn bản đi). */
public record RegisterEntry(String number, String type, int seq, Long documentId, String title, String signer,
                            OffsetDateTime issuedAt, boolean recalled) {
}
