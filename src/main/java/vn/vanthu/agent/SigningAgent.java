package vn.vanthu.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The local signing agent (docs/signing-agent.md): HTTP on 127.0.0.1 only, answering the one
 * configured Văn thư origin, after a pairing the person at the computer confirms; signs with the
 * leader's PKCS#11 token once the PIN is typed in the agent.
 */
public final class SigningAgent {

    static final String NAME = "vanthu-signing-agent";
    static final String VERSION = "1";
    static final int MAX_ITEMS = 50;
    /** 50 data-to-sign of a few kB each, base64: far below; a larger body is not a page's. */
    static final int MAX_BODY = 2 * 1024 * 1024;

    static final Set<String> ALGORITHMS = Set.of("SHA256withECDSA", "SHA256withRSA");

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AgentOptions options;
    private final Token token;
    private final Pairings pairings;
    private final Confirmation confirmation;
    private final PinPrompt pinPrompt;
    /** One question at a time to the person at the computer (pairing or PIN): a second one gets 409. */
    private final ReentrantLock asking = new ReentrantLock();

    private volatile List<Token.Entry> certificates;
    private HttpServer server;
    private ExecutorService executor;

    SigningAgent(AgentOptions options, Confirmation confirmation, PinPrompt pinPrompt) {
        this(options, new Token(options.library(), options.slot()), confirmation, pinPrompt);
    }

    SigningAgent(AgentOptions options, Token token, Confirmation confirmation, PinPrompt pinPrompt) {
        this.options = options;
        this.token = token;
        this.pairings = new Pairings(options.pairings(), options.origin());
        this.confirmation = confirmation;
        this.pinPrompt = pinPrompt;
    }

    public static void main(String[] args) throws Exception {
        AgentOptions options;
        try {
            options = AgentOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("Usage: " + AgentOptions.USAGE);
            System.exit(2);
            return;
        }
        ConsoleInteraction console = new ConsoleInteraction();
        SigningAgent agent = new SigningAgent(options, console, console);
        agent.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.stop();
            stopped.countDown();
        }));
        System.out.println("Chương trình ký số Văn thư đang chạy tại http://127.0.0.1:" + agent.port() + " cho trang "
                + options.origin() + " (Ctrl-C để dừng).");
        System.out.println("Thiết bị ký số: " + (agent.token.present() ? "đã cắm" : "chưa thấy") + " ("
                + options.library() + (options.slot() == null ? "" : ", slot " + options.slot()) + ").");
        stopped.await();
    }

    /** Binds 127.0.0.1 only: a loopback address is not reachable from the network. */
    public synchronized void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), 16);
        // a few threads: one may wait on the person at the computer while /status is still answered
        executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "signing-agent");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    public int port() {
        return address().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String origin = exchange.getRequestHeaders().getFirst("Origin");
            if (!options.origin().equals(origin)
                    || !loopbackHost(exchange.getRequestHeaders().getFirst("Host"))) {
                // another site (or a DNS-rebound name): no CORS header, so its script reads nothing
                send(
                        exchange,
                        403,
                        false,
                        error("forbidden_origin", "Chương trình ký số chỉ phục vụ trang " + options.origin() + "."));
                return;
            }
            exchange.getResponseHeaders().add("Vary", "Origin");
            exchange.getResponseHeaders().add("Access-Control-Allow-Origin", options.origin());
            String method = exchange.getRequestMethod();
            if (method.equals("OPTIONS")) {
                preflight(exchange);
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String route = method + " " + path;
            switch (route) {
                case "GET /status" -> status(exchange);
                // the reply is sent after the question's lock is released, so that the page's next
                // request (right after this answer) does not find the agent still busy
                case "POST /pair" -> reply(exchange, pair());
                case "GET /certificates" -> {
                    if (paired(exchange)) {
                        reply(exchange, certificates());
                    }
                }
                case "POST /sign" -> {
                    if (paired(exchange)) {
                        reply(exchange, sign(exchange));
                    }
                }
                default -> {
                    boolean known =
                            Set.of("/status", "/pair", "/certificates", "/sign").contains(path);
                    send(
                            exchange,
                            known ? 405 : 404,
                            true,
                            known
                                    ? error(
                                            "method_not_allowed",
                                            "Phương thức " + method + " không dùng được ở " + path + ".")
                                    : error("not_found", "Không có " + path + "."));
                }
            }
        } catch (RuntimeException e) {
            send(
                    exchange,
                    500,
                    true,
                    error(
                            "agent_error",
                            "Chương trình ký số gặp lỗi: " + e.getClass().getSimpleName()));
        }
    }

    private void preflight(HttpExchange exchange) throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.add("Access-Control-Allow-Methods", "GET, POST");
        headers.add("Access-Control-Allow-Headers", "Content-Type, X-Pairing-Token");
        if ("true".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Access-Control-Request-Private-Network"))) {
            // Chrome's Private Network Access: a public page may call this loopback server only if it says yes
            headers.add("Access-Control-Allow-Private-Network", "true");
        }
        headers.add("Access-Control-Max-Age", "600");
        exchange.sendResponseHeaders(204, -1);
    }

    private void status(HttpExchange exchange) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("agent", NAME);
        body.put("version", VERSION);
        body.put("paired", pairings.granted(exchange.getRequestHeaders().getFirst("X-Pairing-Token")));
        body.put("token", token.present());
        send(exchange, 200, true, body);
    }

    private boolean paired(HttpExchange exchange) throws IOException {
        if (pairings.granted(exchange.getRequestHeaders().getFirst("X-Pairing-Token"))) {
            return true;
        }
        send(exchange, 401, true, error("not_paired", "Trang chưa được ghép nối với chương trình ký số."));
        return false;
    }

    private Reply pair() {
        if (!asking.tryLock()) {
            return new Reply(409, error("busy", "Chương trình ký số đang chờ đồng chí trả lời một yêu cầu khác."));
        }
        try {
            String code = String.format("%06d", RANDOM.nextInt(1_000_000));
            if (!confirmation.confirm(options.origin(), code)) {
                return new Reply(403, error("pairing_refused", "Đồng chí đã không đồng ý ghép nối."));
            }
            return new Reply(200, Map.of("pairingToken", pairings.grant()));
        } finally {
            asking.unlock();
        }
    }

    /**
     * The token's certificates. SunPKCS11's KeyStore logs in before it lists anything, so the first
     * listing asks the PIN in the agent; the list (public data) is then kept until the token goes.
     */
    private Reply certificates() {
        if (!token.present()) {
            certificates = null;
            return new Reply(503, error("no_token", "Chưa thấy thiết bị ký số: hãy cắm thiết bị vào máy."));
        }
        List<Token.Entry> known = certificates;
        if (known == null) {
            if (!asking.tryLock()) {
                return new Reply(409, error("busy", "Chương trình ký số đang chờ đồng chí trả lời một yêu cầu khác."));
            }
            char[] pin = null;
            try {
                pin = pinPrompt.ask("Nhập mã PIN của thiết bị ký số để đọc chứng thư số: ");
                if (pin == null || pin.length == 0) {
                    return new Reply(400, error("cancelled", "Đồng chí đã hủy nhập mã PIN."));
                }
                known = token.entries(pin);
                certificates = known;
            } catch (Token.WrongPinException e) {
                return wrongPin(e);
            } catch (Token.NoTokenException e) {
                return new Reply(503, error("no_token", "Không đọc được thiết bị ký số."));
            } finally {
                clear(pin);
                asking.unlock();
            }
        }
        List<Map<String, Object>> list = new ArrayList<>();
        for (Token.Entry entry : known) {
            X509Certificate leaf = entry.chain().get(0);
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("id", entry.alias());
            c.put("subject", leaf.getSubjectX500Principal().getName());
            c.put("commonName", Token.commonName(leaf));
            c.put("issuer", leaf.getIssuerX500Principal().getName());
            c.put("notBefore", leaf.getNotBefore().toInstant().toString());
            c.put("notAfter", leaf.getNotAfter().toInstant().toString());
            List<String> chain = new ArrayList<>();
            for (X509Certificate x : entry.chain()) {
                try {
                    chain.add(Base64.getEncoder().encodeToString(x.getEncoded()));
                } catch (CertificateEncodingException e) {
                    throw new IllegalStateException(e);
                }
            }
            c.put("chain", chain);
            list.add(c);
        }
        return new Reply(200, list);
    }

    private Reply sign(HttpExchange exchange) throws IOException {
        SignRequest request;
        try {
            request = SignRequest.parse(body(exchange));
        } catch (IllegalArgumentException e) {
            return new Reply(400, error("bad_request", e.getMessage()));
        }
        List<Token.Entry> known = certificates;
        if (known != null && known.stream().noneMatch(e -> e.alias().equals(request.certificateId()))) {
            return new Reply(404, unknownCertificate(request.certificateId()));
        }
        if (!asking.tryLock()) {
            return new Reply(409, error("busy", "Chương trình ký số đang chờ đồng chí trả lời một yêu cầu khác."));
        }
        char[] pin = null;
        try {
            int n = request.items().size();
            pin = pinPrompt.ask("Nhập mã PIN của thiết bị ký số để ký " + n + " văn bản: ");
            if (pin == null || pin.length == 0) {
                return new Reply(400, error("cancelled", "Đồng chí đã hủy nhập mã PIN."));
            }
            List<Token.Entry> read = new ArrayList<>();
            List<byte[]> values;
            try {
                values = token.sign(
                        request.certificateId(),
                        request.signatureAlgorithm(),
                        request.items().stream().map(SignRequest.Item::data).toList(),
                        pin,
                        read);
            } finally {
                if (!read.isEmpty()) {
                    certificates = List.copyOf(read);
                }
            }
            List<Map<String, String>> signatures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                signatures.add(Map.of(
                        "id", request.items().get(i).id(),
                        "signatureValue", Base64.getEncoder().encodeToString(values.get(i))));
            }
            return new Reply(200, Map.of("signatures", signatures));
        } catch (Token.WrongPinException e) {
            return wrongPin(e);
        } catch (Token.UnknownCertificateException e) {
            return new Reply(404, unknownCertificate(request.certificateId()));
        } catch (Token.AlgorithmMismatchException e) {
            return new Reply(400, error("algorithm_mismatch", e.getMessage()));
        } catch (Token.NoTokenException e) {
            certificates = null;
            return new Reply(503, error("no_token", "Không ký được bằng thiết bị ký số: hãy kiểm tra thiết bị."));
        } finally {
            // the PIN lives only for this call
            clear(pin);
            asking.unlock();
        }
    }

    private static Map<String, String> unknownCertificate(String id) {
        return error("unknown_certificate", "Thiết bị ký số không có chứng thư số " + id + ".");
    }

    private static Reply wrongPin(Token.WrongPinException e) {
        if (e.locked) {
            return new Reply(
                    423, error("pin_locked", "Thiết bị ký số đã khóa vì nhập sai mã PIN quá số lần cho phép."));
        } else {
            return new Reply(401, error("wrong_pin", "Mã PIN của thiết bị ký số không đúng."));
        }
    }

    private static void clear(char[] pin) {
        if (pin != null) {
            Arrays.fill(pin, '\0');
        }
    }

    /** The page reaches the agent as 127.0.0.1 or localhost; another Host is a rebound DNS name. */
    private static boolean loopbackHost(String host) {
        if (host == null) {
            return false;
        }
        String name = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1) : host.replaceFirst(":\\d+$", "");
        return name.equals("127.0.0.1") || name.equalsIgnoreCase("localhost") || name.equals("[::1]");
    }

    private static byte[] body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                throw new IllegalArgumentException("Yêu cầu quá lớn.");
            }
            return body;
        }
    }

    private record Reply(int status, Object body) {}

    private static void reply(HttpExchange exchange, Reply reply) throws IOException {
        send(exchange, reply.status(), true, reply.body());
    }

    private static Map<String, String> error(String code, String message) {
        Map<String, String> error = new LinkedHashMap<>();
        error.put("error", code);
        error.put("message", message);
        return error;
    }

    private static void send(HttpExchange exchange, int status, boolean cors, Object body) throws IOException {
        if (!cors) {
            exchange.getResponseHeaders().remove("Access-Control-Allow-Origin");
        }
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
