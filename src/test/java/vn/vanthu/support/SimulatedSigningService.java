package vn.vanthu.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import vn.vanthu.signing.SigningIdentity;

/**
 * A remote signing service on localhost that speaks docs/remote-signing.md and plays the leader's
 * phone as each test scripts it: approve after N polls (signing the digest with the demo leader's
 * own key), deny, never answer, answer 503, or approve on every poll.
 */
public final class SimulatedSigningService implements AutoCloseable {

    /** What the phone does with the requests created from now on. */
    public enum Script {
        APPROVE,
        DENY,
        NEVER,
        DOWN
    }

    /** One sign request as the service saw it. */
    public static final class Request {
        public final String id;
        public final String userId;
        public final String documentName;
        public final byte[] digest;
        public final Script script;
        public final int approveAfter;
        public final AtomicInteger polls = new AtomicInteger();
        public final AtomicInteger approvedAnswers = new AtomicInteger();
        public volatile boolean cancelled;
        public final long createdNanos = System.nanoTime();
        public volatile long firstApprovedNanos;

        Request(String id, String userId, String documentName, byte[] digest, Script script, int approveAfter) {
            this.id = id;
            this.userId = userId;
            this.documentName = documentName;
            this.digest = digest;
            this.script = script;
            this.approveAfter = approveAfter;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<String, Request> requests = new ConcurrentHashMap<>();
    public final List<Request> created = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile Script script = Script.APPROVE;
    private volatile int approveAfter = 1;
    /** The leader's key, opened with the demo PIN: the phone's own. */
    private volatile Supplier<SigningIdentity> phoneKey;

    public SimulatedSigningService() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/sign-requests", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
    }

    /** A service that runs until the JVM exits. */
    public static SimulatedSigningService forTheJvm() {
        SimulatedSigningService service = new SimulatedSigningService();
        Runtime.getRuntime().addShutdownHook(new Thread(service::close, "simulated-signing-service-stop"));
        return service;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void phoneKey(Supplier<SigningIdentity> key) {
        this.phoneKey = key;
    }

    /** Requests created from now on: approved on the {@code polls}-th poll (and every one after). */
    public void approveAfter(int polls) {
        this.script = Script.APPROVE;
        this.approveAfter = polls;
    }

    public void script(Script script) {
        this.script = script;
    }

    public Request last() {
        return created.get(created.size() - 1);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (method.equals("POST") && path.equals("/sign-requests")) {
                JsonNode body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = JSON.readTree(in);
                }
                if (!"SHA-256".equals(body.path("digestAlgorithm").asText())) {
                    send(exchange, 400, Map.of("error", "digestAlgorithm"));
                    return;
                }
                Request r = new Request(
                        "req-" + ids.incrementAndGet(),
                        body.path("userId").asText(),
                        body.path("documentName").asText(),
                        Base64.getDecoder().decode(body.path("digest").asText()),
                        script,
                        approveAfter);
                requests.put(r.id, r);
                created.add(r);
                send(exchange, 201, Map.of("id", r.id));
                return;
            }
            String id = path.substring("/sign-requests/".length());
            Request r = requests.get(id);
            if (r == null) {
                send(exchange, 404, Map.of("error", "unknown request"));
                return;
            }
            if (method.equals("DELETE")) {
                r.cancelled = true;
                exchange.sendResponseHeaders(204, -1);
                return;
            }
            int poll = r.polls.incrementAndGet();
            switch (r.script) {
                case DOWN -> send(exchange, 503, Map.of("error", "down for maintenance"));
                case NEVER -> send(exchange, 200, Map.of("status", "PENDING"));
                case DENY -> send(exchange, 200, Map.of("status", poll < 2 ? "PENDING" : "DENIED"));
                case APPROVE -> {
                    if (poll < r.approveAfter || r.cancelled) {
                        send(exchange, 200, Map.of("status", r.cancelled ? "EXPIRED" : "PENDING"));
                    } else {
                        r.approvedAnswers.incrementAndGet();
                        if (r.firstApprovedNanos == 0) {
                            r.firstApprovedNanos = System.nanoTime();
                        }
                        send(exchange, 200, approved(r));
                    }
                }
            }
        } catch (RuntimeException e) {
            exchange.sendResponseHeaders(500, -1);
            throw e;
        }
    }

    /** The phone signs the digest as it is (a fresh signature each time: ECDSA is randomised). */
    private Map<String, Object> approved(Request r) {
        SigningIdentity key = phoneKey.get();
        try {
            PrivateKey pk = key.privateKey();
            byte[] value;
            if (pk.getAlgorithm().equals("EC")) {
                Signature ecdsa = Signature.getInstance("NONEwithECDSA");
                ecdsa.initSign(pk);
                ecdsa.update(r.digest);
                value = ecdsa.sign();
            } else { // RSA PKCS#1 v1.5 over the DigestInfo of the SHA-256
                byte[] prefix = java.util.HexFormat.of().parseHex("3031300d060960864801650304020105000420");
                byte[] info = new byte[prefix.length + r.digest.length];
                System.arraycopy(prefix, 0, info, 0, prefix.length);
                System.arraycopy(r.digest, 0, info, prefix.length, r.digest.length);
                Signature rsa = Signature.getInstance("NONEwithRSA");
                rsa.initSign(pk);
                rsa.update(info);
                value = rsa.sign();
            }
            List<String> chain = new ArrayList<>();
            for (X509Certificate c : key.chain()) {
                chain.add(Base64.getEncoder().encodeToString(c.getEncoded()));
            }
            return Map.of(
                    "status",
                    "APPROVED",
                    "signatureValue",
                    Base64.getEncoder().encodeToString(value),
                    "certificateChain",
                    chain);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
