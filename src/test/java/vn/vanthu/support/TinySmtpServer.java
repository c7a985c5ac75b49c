package vn.vanthu.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A minimal SMTP server on loopback for the failures GreenMail cannot play: it refuses some
 * recipients with a permanent 550, and records what it accepted. Enough SMTP for Jakarta Mail.
 */
public final class TinySmtpServer implements AutoCloseable {

    public record Accepted(String recipient, String data) {}

    private final ServerSocket socket;
    private final Predicate<String> refuse;
    private final List<Accepted> accepted = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger connections =
            new java.util.concurrent.atomic.AtomicInteger();
    private final Thread thread;

    public TinySmtpServer(Predicate<String> refuse) throws IOException {
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.refuse = refuse;
        this.thread = new Thread(this::serve, "tiny-smtp");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    public List<Accepted> accepted() {
        return List.copyOf(accepted);
    }

    /** How many connections clients have opened so far. */
    public int connections() {
        return connections.get();
    }

    /** Closes every open connection from the server's side, as a server does with idle clients. */
    public void dropConnections() throws IOException {
        for (Socket client : open) {
            client.close();
        }
    }

    private void serve() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                connections.incrementAndGet();
                open.add(client);
                // a session per thread: a client may keep its connection open between messages
                Thread session = new Thread(
                        () -> {
                            try (client) {
                                session(client);
                            } catch (IOException e) {
                                // the client went away, or the connection was dropped
                            } finally {
                                open.remove(client);
                            }
                        },
                        "tiny-smtp-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException e) {
                // closed: the loop ends
            }
        }
    }

    private void session(Socket client) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = client.getOutputStream();
        reply(out, "220 tiny ESMTP");
        List<String> recipients = new java.util.ArrayList<>();
        String line;
        while ((line = in.readLine()) != null) {
            String command = line.toUpperCase();
            if (command.startsWith("EHLO") || command.startsWith("HELO")) {
                reply(out, "250 tiny");
            } else if (command.startsWith("MAIL FROM")) {
                recipients.clear();
                reply(out, "250 OK");
            } else if (command.startsWith("RCPT TO")) {
                String address = line.substring(line.indexOf('<') + 1, line.indexOf('>'));
                if (refuse.test(address)) {
                    reply(out, "550 5.1.1 <" + address + ">: Recipient address rejected: User unknown");
                } else {
                    recipients.add(address);
                    reply(out, "250 OK");
                }
            } else if (command.equals("DATA")) {
                reply(out, "354 End data with <CR><LF>.<CR><LF>");
                StringBuilder data = new StringBuilder();
                while ((line = in.readLine()) != null && !line.equals(".")) {
                    data.append(line).append("\r\n");
                }
                recipients.forEach(r -> accepted.add(new Accepted(r, data.toString())));
                reply(out, "250 OK queued");
            } else if (command.equals("QUIT")) {
                reply(out, "221 Bye");
                return;
            } else {
                reply(out, "250 OK");
            }
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        dropConnections();
    }
}
