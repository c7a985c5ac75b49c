package vn.vanthu.signing;

import eu.europa.esig.dss.service.tsp.OnlineTSPSource;
import eu.europa.esig.dss.spi.x509.tsp.KeyEntityTSPSource;
import eu.europa.esig.dss.spi.x509.tsp.TSPSource;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The RFC 3161 time-stamping service of {@code vanthu.signing.tsa-url}: a URL, {@code embedded} (the
 * demo TSA that the demo CA certifies, in-process, demo mode only), or none (signatures are PAdES
 * B-B and the verification report says they carry no timestamp).
 */
@Component
class TimestampAuthority {

    /** A policy OID under the "example" arc (RFC 5612-style documentation space): the demo TSA's only. */
    static final String DEMO_POLICY = "1.3.6.1.4.1.32473.1.1";

    /** Null: no timestamps (PAdES B-B). */
    private final Once<TSPSource> source;

    TimestampAuthority(SigningProperties props, SigningKeys keys) {
        String url = props == null ? null : props.tsaUrl();
        if (url == null || url.isBlank()) {
            source = null;
        } else if (SigningProperties.EMBEDDED_TSA.equalsIgnoreCase(url.strip())) {
            if (!keys.demoMode()) {
                throw new IllegalStateException(
                        "vanthu.signing.tsa-url=embedded is for the embedded default only: configure a real TSA URL");
            }
            // the demo TSA's key is made with the other demo keys, at the first timestamp
            source = new Once<>(() -> keys.demoTimestampAuthority()
                    .map(tsa -> {
                        KeyEntityTSPSource demo =
                                new KeyEntityTSPSource(tsa.privateKey(), tsa.certificate(), List.copyOf(tsa.chain()));
                        demo.setTsaPolicy(DEMO_POLICY);
                        return (TSPSource) demo;
                    })
                    .orElseThrow());
        } else {
            OnlineTSPSource online = new OnlineTSPSource(url.strip());
            source = new Once<>(() -> online);
        }
    }

    boolean available() {
        return source != null;
    }

    Optional<TSPSource> source() {
        return source == null ? Optional.empty() : Optional.of(source.get());
    }
}
