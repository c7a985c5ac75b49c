package vn.vanthu.web;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import vn.vanthu.document.AccessPolicy;
import vn.vanthu.document.AccessPolicy.Action;
import vn.vanthu.security.Caller;
import vn.vanthu.system.NotFoundException;

/**
 * /mailbox: what the in-process mail server of the embedded default has received, for staff,
 * so that a new user sees what recipients get. Empty in production (no embedded server).
 */
@Controller
class MailboxController {

    private final ObjectProvider<GreenMail> server;
    private final AccessPolicy access;

    MailboxController(ObjectProvider<GreenMail> server, AccessPolicy access) {
        this.server = server;
        this.access = access;
    }

    record Received(String to, String subject, java.util.Date sent, String messageId, int size) {
        /** dd/MM/yyyy HH:mm:ss in Vietnam time, whatever the server's or the browser's zone and locale. */
        public String sentText() {
            return sent == null
                    ? ""
                    : java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss")
                            .format(sent.toInstant().atZone(vn.vanthu.config.OrganisationProperties.VIETNAM));
        }
    }

    /** One part of a message as the page shows it: text inline, anything else as a download. */
    record Shown(int index, String contentType, String fileName, String text, int size) {
        public boolean html() {
            return contentType.startsWith("text/html");
        }
    }

    private void checkStaff(Authentication auth) {
        access.check(Caller.of(auth), Action.READ_MAILBOX);
    }

    @GetMapping("/mailbox")
    String mailbox(Model model, Authentication auth) throws MessagingException {
        checkStaff(auth);
        GreenMail greenMail = server.getIfAvailable();
        List<Received> messages = new ArrayList<>();
        if (greenMail != null) {
            MimeMessage[] received = greenMail.getReceivedMessages();
            for (int i = received.length - 1; i >= 0 && messages.size() < 500; i--) {
                MimeMessage m = received[i];
                messages.add(
                        new Received(recipients(m), m.getSubject(), m.getSentDate(), m.getMessageID(), m.getSize()));
            }
            model.addAttribute("smtpPort", greenMail.getSmtp().getPort());
            model.addAttribute("imapPort", greenMail.getImap().getPort());
        }
        model.addAttribute("embedded", greenMail != null);
        model.addAttribute("messages", messages);
        return "mailbox";
    }

    /** One received message by its Message-ID and recipient: headers, bodies, calendar, attachments. */
    @GetMapping("/mailbox/message")
    String message(@RequestParam String id, @RequestParam String to, Model model, Authentication auth)
            throws MessagingException, IOException {
        checkStaff(auth);
        MimeMessage message = find(id, to);
        List<Shown> parts = new ArrayList<>();
        List<Part> leaves = new ArrayList<>();
        collect(message, leaves);
        for (int i = 0; i < leaves.size(); i++) {
            Part part = leaves.get(i);
            String type = part.getContentType() == null
                    ? "application/octet-stream"
                    : part.getContentType().toLowerCase(Locale.ROOT);
            boolean inline = part.getFileName() == null && type.startsWith("text/");
            parts.add(new Shown(
                    i, type.split(";")[0].trim(), part.getFileName(), inline ? text(part) : null, part.getSize()));
        }
        model.addAttribute(
                "message",
                new Received(
                        recipients(message),
                        message.getSubject(),
                        message.getSentDate(),
                        message.getMessageID(),
                        message.getSize()));
        model.addAttribute("from", readable(message.getFrom()));
        model.addAttribute("parts", parts);
        return "mailbox-message";
    }

    /** Senders as a person reads them: "=?UTF-8?Q?V=C4=83n_th=C6=B0?=" decoded to "Văn thư". */
    static String readable(Address[] addresses) {
        return addresses == null
                ? ""
                : String.join(
                        ", ",
                        Arrays.stream(addresses)
                                .map(a -> a instanceof InternetAddress ia && ia.getPersonal() != null
                                        ? ia.getPersonal() + " <" + ia.getAddress() + ">"
                                        : a.toString())
                                .toList());
    }

    /** An attachment (or any part) of a received message, as it was sent. */
    @GetMapping("/mailbox/part")
    ResponseEntity<byte[]> part(
            @RequestParam String id, @RequestParam String to, @RequestParam int index, Authentication auth)
            throws MessagingException, IOException {
        checkStaff(auth);
        List<Part> leaves = new ArrayList<>();
        collect(find(id, to), leaves);
        if (index < 0 || index >= leaves.size()) {
            throw new NotFoundException("Thư không có phần " + index + ".");
        }
        Part part = leaves.get(index);
        byte[] bytes;
        try (InputStream in = part.getInputStream()) {
            bytes = in.readAllBytes();
        }
        String name = part.getFileName() == null ? "phan-" + index : part.getFileName();
        return ResponseEntity.ok()
                .contentType(mediaType(part))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(name, StandardCharsets.UTF_8)
                                .build()
                                .toString())
                // an email's HTML is never rendered in this origin
                .header("Content-Security-Policy", "sandbox")
                .body(bytes);
    }

    private static MediaType mediaType(Part part) throws MessagingException {
        try {
            return MediaType.parseMediaType(part.getContentType().split(";")[0].trim());
        } catch (RuntimeException e) { // missing or malformed in the message
            return MediaType.APPLICATION_OCTET_STREAM;
        }
    }

    private MimeMessage find(String messageId, String to) throws MessagingException {
        GreenMail greenMail = server.getIfAvailable();
        if (greenMail != null) {
            for (MimeMessage m : greenMail.getReceivedMessages()) {
                if (messageId.equals(m.getMessageID()) && recipients(m).equals(to)) {
                    return m;
                }
            }
        }
        throw new NotFoundException("Không có thư này trong hộp thư thử nghiệm.");
    }

    /** The recipients' bare addresses: GreenMail keeps one copy of a message per recipient. */
    private static String recipients(MimeMessage m) throws MessagingException {
        return m.getAllRecipients() == null
                ? ""
                : String.join(
                        ", ",
                        Arrays.stream(m.getAllRecipients())
                                .map(a -> a instanceof InternetAddress internet ? internet.getAddress() : a.toString())
                                .toList());
    }

    /** A text part's characters (text/calendar has no content handler: read it in its charset). */
    private static String text(Part part) throws MessagingException, IOException {
        Object content = part.getContent();
        if (content instanceof String text) {
            return text;
        }
        String name = new ContentType(part.getContentType()).getParameter("charset");
        Charset charset = StandardCharsets.UTF_8;
        try {
            if (name != null && Charset.isSupported(name)) {
                charset = Charset.forName(name);
            }
        } catch (IllegalArgumentException e) {
            // a malformed charset name: read it as UTF-8
        }
        try (InputStream in = part.getInputStream()) {
            return new String(in.readAllBytes(), charset);
        }
    }

    private static void collect(Part part, List<Part> leaves) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                collect(multipart.getBodyPart(i), leaves);
            }
        } else {
            leaves.add(part);
        }
    }
}
