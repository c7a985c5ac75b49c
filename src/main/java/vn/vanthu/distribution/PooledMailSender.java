package vn.vanthu.distribution;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Date;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * A {@link JavaMailSenderImpl} that keeps SMTP connections open between sends. Spring's sender
 * connects, greets, (with a relay) starts TLS and authenticates for every {@code send}; one email
 * job per recipient would pay that for every email — with the in-process server about 45 ms of
 * waiting and a new server thread each time. Here a send borrows an idle connection (checked with
 * NOOP, as Spring checks before each message of a batch), and gives it back when the server
 * accepted the message. A connection that failed is closed, never reused; connections idle longer
 * than {@code maxIdleTime} or used for {@code maxMessagesPerConnection} messages are closed, and a
 * change of host, port or user (tests point the sender elsewhere) retires the old ones.
 */
class PooledMailSender extends JavaMailSenderImpl implements DisposableBean {

    private final int maxIdleConnections;
    private final long maxIdleNanos;
    private final int maxMessagesPerConnection;
    private final Deque<Connection> idle = new ArrayDeque<>();

    public PooledMailSender(int maxIdleConnections, Duration maxIdleTime, int maxMessagesPerConnection) {
        this.maxIdleConnections = maxIdleConnections;
        this.maxIdleNanos = maxIdleTime.toNanos();
        this.maxMessagesPerConnection = maxMessagesPerConnection;
    }

    /**
     * As Spring's, plus TCP_NODELAY on the SMTP socket ({@link NoDelaySocketFactory}) unless a
     * socket factory is configured or the connection is SMTPS (whose TLS socket factory applies).
     */
    @Override
    public void setJavaMailProperties(Properties properties) {
        Properties withNoDelay = new Properties();
        withNoDelay.putAll(properties);
        String protocol = getProtocol() == null ? "smtp" : getProtocol();
        if (!"smtps".equals(protocol)
                && !Boolean.parseBoolean(String.valueOf(properties.get("mail.smtp.ssl.enable")))
                && !properties.containsKey("mail." + protocol + ".socketFactory")
                && !properties.containsKey("mail." + protocol + ".socketFactory.class")) {
            withNoDelay.put("mail." + protocol + ".socketFactory", NoDelaySocketFactory.INSTANCE);
        }
        super.setJavaMailProperties(withNoDelay);
    }

    private record Connection(Transport transport, String endpoint, long lastUsed, int sent) {}

    /** Same contract as Spring's: failures per message are collected into one MailSendException. */
    @Override
    protected void doSend(MimeMessage[] mimeMessages, Object[] originalMessages) throws MailException {
        Map<Object, Exception> failedMessages = new LinkedHashMap<>();
        Connection connection = null;
        for (int i = 0; i < mimeMessages.length; i++) {
            MimeMessage message = mimeMessages[i];
            Object original = originalMessages != null ? originalMessages[i] : message;
            if (connection == null) {
                try {
                    connection = borrow();
                } catch (AuthenticationFailedException e) {
                    throw new MailAuthenticationException(e);
                } catch (Exception e) {
                    for (int j = i; j < mimeMessages.length; j++) {
                        failedMessages.put(originalMessages != null ? originalMessages[j] : mimeMessages[j], e);
                    }
                    throw new MailSendException("Mail server connection failed", e, failedMessages);
                }
            }
            try {
                if (message.getSentDate() == null) {
                    message.setSentDate(new Date());
                }
                String messageId = message.getMessageID();
                message.saveChanges();
                if (messageId != null) {
                    message.setHeader("Message-ID", messageId); // saveChanges would replace it
                }
                Address[] addresses = message.getAllRecipients();
                connection.transport().sendMessage(message, addresses != null ? addresses : new Address[0]);
                connection = new Connection(
                        connection.transport(), connection.endpoint(), System.nanoTime(), connection.sent() + 1);
            } catch (Exception e) {
                failedMessages.put(original, e);
                close(connection.transport()); // its state after a failure is unknown
                connection = null;
            }
        }
        if (connection != null) {
            release(connection);
        }
        if (!failedMessages.isEmpty()) {
            throw new MailSendException(failedMessages);
        }
    }

    private Connection borrow() throws MessagingException {
        String endpoint = endpoint();
        while (true) {
            Connection candidate;
            synchronized (idle) {
                candidate = idle.pollFirst(); // the most recently used: the likeliest to be alive
            }
            if (candidate == null) {
                return new Connection(connectTransport(), endpoint, System.nanoTime(), 0);
            }
            if (!candidate.endpoint().equals(endpoint)
                    || expired(candidate, System.nanoTime())
                    || !candidate.transport().isConnected()) { // isConnected sends NOOP
                close(candidate.transport());
                continue;
            }
            return candidate;
        }
    }

    private void release(Connection connection) {
        List<Connection> retired = new ArrayList<>();
        long now = System.nanoTime();
        synchronized (idle) {
            if (connection.sent() < maxMessagesPerConnection && idle.size() < maxIdleConnections) {
                idle.addFirst(connection);
            } else {
                retired.add(connection);
            }
            // the least recently used sit at the end; close those the server may have dropped by now
            while (!idle.isEmpty() && expired(idle.peekLast(), now)) {
                retired.add(idle.pollLast());
            }
        }
        retired.forEach(c -> close(c.transport()));
    }

    private boolean expired(Connection connection, long now) {
        return now - connection.lastUsed() > maxIdleNanos;
    }

    private String endpoint() {
        return getProtocol() + "://" + Objects.toString(getUsername(), "") + "@" + getHost() + ":" + getPort();
    }

    /** Connections kept open now (for tests and the benchmark). */
    public int idleConnections() {
        synchronized (idle) {
            return idle.size();
        }
    }

    private static void close(Transport transport) {
        try {
            transport.close();
        } catch (MessagingException | RuntimeException e) {
            // already broken: nothing to do
        }
    }

    @Override
    public void destroy() {
        List<Connection> all;
        synchronized (idle) {
            all = new ArrayList<>(idle);
            idle.clear();
        }
        all.forEach(c -> close(c.transport()));
    }
}
