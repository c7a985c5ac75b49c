package vn.vanthu.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Address;
import jakarta.mail.internet.InternetAddress;
import org.junit.jupiter.api.Test;

/** The test mailbox shows a sender's encoded name as text. No Spring. */
class MailboxFromTest {

    @Test
    void anEncodedWordIsDecoded() throws Exception {
        Address[] from = InternetAddress.parseHeader("=?UTF-8?Q?V=C4=83n_ph=C3=B2ng?= <vanthu@vanthu.local>", true);
        assertThat(MailboxController.readable(from)).isEqualTo("Văn phòng <vanthu@vanthu.local>");
        assertThat(MailboxController.readable(null)).isEmpty();
    }
}
