package vn.vanthu.support;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/** Reads what the in-process SMTP server has received, waiting for asynchronous sends. */
public final class Mailbox {

    private Mailbox() {}

    public static List<MimeMessage> to(GreenMail server, String domain) {
        return Arrays.stream(server.getReceivedMessages())
                .filter(m -> addressedTo(m, domain))
                .toList();
    }

    /** Waits until at least {@code count} messages to the domain have arrived (or the timeout passes). */
    public static List<MimeMessage> await(GreenMail server, String domain, int count, Duration timeout)
            throws InterruptedException {
        try {
            return Awaitility.await()
                    .atMost(timeout)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> to(server, domain), messages -> messages.size() >= count);
        } catch (ConditionTimeoutException e) {
            return to(server, domain); // the caller asserts on what did arrive
        }
    }

    public static String recipient(MimeMessage message) {
        try {
            return ((InternetAddress) message.getRecipients(MimeMessage.RecipientType.TO)[0]).getAddress();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The leaf parts of a message (or part), depth first. */
    public static List<Part> leaves(Part part) throws MessagingException, IOException {
        List<Part> leaves = new ArrayList<>();
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                leaves.addAll(leaves(multipart.getBodyPart(i)));
            }
        } else {
            leaves.add(part);
        }
        return leaves;
    }

    /** The first leaf of this MIME type, e.g. "application/pdf" or "text/calendar". */
    public static Part part(Part message, String type) throws MessagingException, IOException {
        for (Part part : leaves(message)) {
            if (part.isMimeType(type)) {
                return part;
            }
        }
        throw new AssertionError("no " + type + " part");
    }

    /** The decoded bytes of a part. */
    public static byte[] bytes(Part part) throws MessagingException, IOException {
        try (InputStream in = part.getInputStream()) {
            return in.readAllBytes();
        }
    }

    /** The decoded text of the first part of this type (Jakarta Mail has no handler for text/calendar). */
    public static String text(Part message, String type) throws MessagingException, IOException {
        return new String(bytes(part(message, type)), StandardCharsets.UTF_8);
    }

    private static boolean addressedTo(MimeMessage message, String domain) {
        try {
            Address[] to = message.getAllRecipients();
            return to != null
                    && Arrays.stream(to)
                            .anyMatch(a -> ((InternetAddress) a).getAddress().endsWith("@" + domain));
        } catch (MessagingException e) {
            return false;
        }
    }
}
