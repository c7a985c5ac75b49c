package vn.vanthu.signing;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The HTTP contract of docs/remote-signing.md: create a sign request for a digest, read its
 * answer, cancel it. A production service (VNPT SmartCA, Viettel MySign …) sits behind a small
 * gateway that speaks this contract.
 */
@Component
public class RemoteSigningService {

    /** The service's answer to a poll. */
    public enum Status {
        PENDING,
        APPROVED,
        DENIED,
        EXPIRED
    }

    /** A poll's answer; signature value and chain only when APPROVED. */
    public record Answer(Status status, byte[] signatureValue, List<X509Certificate> chain) {}

    /** The service could not be reached or failed (5xx, timeout): worth retrying. */
    public static class UnavailableException extends RuntimeException {
        public UnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The service answered something outside the contract (4xx, a malformed body): not worth retrying. */
    public static class ProtocolException extends RuntimeException {
        public ProtocolException(String message) {
            super(message);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Created(String id) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Polled(String status, String signatureValue, List<String> certificateChain) {}

    private final RemoteSigningProperties settings;
    /** Made at the first call: the JDK's HTTP client sets up TLS, a fifth of a second of start-up. */
    private final Once<RestClient> client;

    public RemoteSigningService(RemoteSigningProperties settings) {
        this.settings = settings;
        this.client = new Once<>(() -> {
            HttpClient client = HttpClient.newBuilder()
                    .connectTimeout(settings.connectTimeout())
                    .build();
            JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client);
            requests.setReadTimeout(settings.readTimeout()); // never wait forever on a silent service
            return RestClient.builder()
                    .requestFactory(requests)
                    .baseUrl(
                            settings.url() == null
                                    ? "http://remote-signing.invalid"
                                    : settings.url().toString())
                    .build();
        });
    }

    private RestClient http() {
        return client.get();
    }

    public RemoteSigningProperties settings() {
        return settings;
    }

    /** POST /sign-requests: returns the request's id. */
    public String create(String userId, String documentName, byte[] sha256) {
        Created created = call(() -> http().post()
                .uri("/sign-requests")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of(
                        "userId",
                        userId,
                        "documentName",
                        documentName,
                        "digestAlgorithm",
                        "SHA-256",
                        "digest",
                        Base64.getEncoder().encodeToString(sha256)))
                .retrieve()
                .body(Created.class));
        if (created == null || created.id() == null || created.id().isBlank()) {
            throw new ProtocolException("the remote signing service created a request without an id");
        }
        return created.id();
    }

    /** GET /sign-requests/{id}. */
    public Answer poll(String requestId) {
        Polled polled = call(() ->
                http().get().uri("/sign-requests/{id}", requestId).retrieve().body(Polled.class));
        Status status;
        try {
            status = Status.valueOf(polled == null ? "" : String.valueOf(polled.status()));
        } catch (IllegalArgumentException e) {
            throw new ProtocolException("unknown status " + (polled == null ? null : polled.status()));
        }
        if (status != Status.APPROVED) {
            return new Answer(status, null, List.of());
        }
        if (polled.signatureValue() == null
                || polled.certificateChain() == null
                || polled.certificateChain().isEmpty()) {
            throw new ProtocolException("APPROVED without a signature value and certificate chain");
        }
        try {
            CertificateFactory x509 = CertificateFactory.getInstance("X.509");
            List<X509Certificate> chain = new ArrayList<>();
            for (String der : polled.certificateChain()) {
                chain.add((X509Certificate) x509.generateCertificate(
                        new ByteArrayInputStream(Base64.getDecoder().decode(der))));
            }
            return new Answer(status, Base64.getDecoder().decode(polled.signatureValue()), chain);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new ProtocolException("unreadable signature value or certificate: " + e.getMessage());
        }
    }

    /** DELETE /sign-requests/{id}; a request already gone is no error. */
    public void cancel(String requestId) {
        try {
            call(() -> http().delete()
                    .uri("/sign-requests/{id}", requestId)
                    .retrieve()
                    .toBodilessEntity());
        } catch (ProtocolException e) {
            // 404: nothing left to cancel
        }
    }

    private static <T> T call(java.util.function.Supplier<T> exchange) {
        try {
            return exchange.get();
        } catch (HttpClientErrorException e) {
            throw new ProtocolException(
                    "the remote signing service refused: " + e.getStatusCode().value());
        } catch (HttpServerErrorException e) {
            throw new UnavailableException(
                    "the remote signing service failed: " + e.getStatusCode().value(), e);
        } catch (ResourceAccessException e) {
            throw new UnavailableException("the remote signing service cannot be reached: " + e.getMessage(), e);
        } catch (RestClientException e) {
            throw new ProtocolException("unreadable answer of the remote signing service: " + e.getMessage());
        }
    }
}
