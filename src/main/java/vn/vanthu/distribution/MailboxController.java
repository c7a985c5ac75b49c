package vn.vanthu.distribution;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import vn.vanthu.security.Caller;
import vn.vanthu.system.ForbiddenException;

/**
 * /mailbox: what the in-process mail server of the embedded default has received, for staff,
 * so that a new user sees what recipients get. Empty in production (no embedded server).
 */
@Controller
class MailboxController {

    private final ObjectProvider<GreenMail> server;

    MailboxController(ObjectProvider<GreenMail> server) {
        this.server = server;
    }

    record Received(String to, String subject, java.util.Date sent, String messageId, int size) {
    }

    @GetMapping("/mailbox")
    String mailbox(Model model, Authentication auth) throws MessagingException {
        if (!Caller.of(auth).isStaff()) {
            throw new ForbiddenException("Chỉ cán bộ Văn phòng mới xem được hộp thư thử nghiệm.");
        }
        GreenMail greenMail = server.getIfAvailable();
        List<Received> messages = new ArrayList<>();
        if (greenMail != null) {
            MimeMessage[] received = greenMail.getReceivedMessages();
            for (int i = received.length - 1; i >= 0 && messages.size() < 500; i--) {
                MimeMessage m = received[i];
                String to = m.getAllRecipients() == null ? "" : String.join(", ",
                        Arrays.stream(m.getAllRecipients()).map(Address::toString).toList());
                messages.add(new Received(to, m.getSubject(), m.getSentDate(), m.getMessageID(), m.getSize()));
            }
            model.addAttribute("smtpPort", greenMail.getSmtp().getPort());
            model.addAttribute("imapPort", greenMail.getImap().getPort());
        }
        model.addAttribute("embedded", greenMail != null);
        model.addAttribute("messages", messages);
        return "mailbox";
    }
}
