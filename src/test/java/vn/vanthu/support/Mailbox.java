package vn.vanthu.support;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/** Reads what the in-process SMTP server has received, waiting for asynchronous sends. */
public final class Mailbox {

    private Mailbox() {
    }

    public static List<MimeMessage> to(GreenMail server, String domain) {
        return Arrays.stream(server.getReceivedMessages()).filter(m -> addressedTo(m, domain)).toList();
    }

    /** Waits until at least {@code count} messages to the domain have arrived (or the timeout passes). */
    public static List<MimeMessage> await(GreenMail server, String domain, int count, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<MimeMessage> messages = to(server, domain);
        while (messages.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
            messages = to(server, domain);
        }
        return messages;
    }

    public static String recipient(MimeMessage message) {
        try {
            return ((InternetAddress) message.getRecipients(MimeMessage.RecipientType.TO)[0]).getAddress();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean addressedTo(MimeMessage message, String domain) {
        try {
            Address[] to = message.getAllRecipients();
            return to != null && Arrays.stream(to).anyMatch(a -> ((InternetAddress) a).getAddress().endsWith("@" + domain));
        } catch (MessagingException e) {
            return false;
        }
    }
}
