package vn.vanthu.signing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Checks the PAdES signatures of a PDF with EU DSS ({@link PadesValidation}) against the office's trust
 * anchors: those of {@link SigningKeys} (the demo CA in demo mode, the keystore's CAs in production) plus the
 * files listed in {@code vanthu.signing.trust-anchors}. In demo mode the demo CA's own CRL gives DSS the
 * revocation data it needs. The organisation's seal is recognised by its certificate (and renewals of it, by
 * subject). Never throws for bad input: every problem becomes a report.
 */
@Component
@EnableConfigurationProperties(ValidationProperties.class)
class SignatureVerifier {

    private final Once<PadesValidation> validation;

    @Autowired
    SignatureVerifier(SigningKeys keys, SigningProperties props, ValidationProperties validation) {
        this(keys, props, validation.revocationOnline());
    }

    SignatureVerifier(SigningKeys keys, SigningProperties props, boolean revocationOnline) {
        // the configured files now: one that cannot be read stops the start-up
        List<X509Certificate> configured = readAnchors(props == null ? List.of() : props.trustAnchors());
        this.validation = new Once<>(() -> {
            List<X509Certificate> anchors = new ArrayList<>(keys.trustAnchors());
            anchors.addAll(configured);
            CaCrlSource crls = keys.demoCertificateAuthority()
                    .map(ca -> new CaCrlSource(ca.certificate(), ca.privateKey()))
                    .orElse(null);
            return new PadesValidation(List.copyOf(new LinkedHashSet<>(anchors)), crls, revocationOnline)
                    .withOrganisation(List.of(keys.organisation().certificate()));
        });
    }

    /** The keys' anchors only, offline (tests). */
    SignatureVerifier(SigningKeys keys) {
        this(keys, null, false);
    }

    VerificationReport verify(byte[] pdf) {
        return validation.get().verify(pdf);
    }

    /** Sets up the trust anchors and DSS now rather than at the first check. */
    void warmUp() {
        validation.get();
    }

    /** Every certificate of each file, PEM or DER; an unreadable file stops the start-up rather than trusting less. */
    static List<X509Certificate> readAnchors(List<String> files) {
        Set<X509Certificate> anchors = new LinkedHashSet<>();
        for (String file : files) {
            try {
                CertificateFactory factory = CertificateFactory.getInstance("X.509");
                byte[] bytes = Files.readAllBytes(Path.of(file.trim()));
                for (var cert : factory.generateCertificates(new ByteArrayInputStream(bytes))) {
                    anchors.add((X509Certificate) cert);
                }
            } catch (IOException | CertificateException | RuntimeException e) {
                throw new IllegalStateException("Cannot read the trust anchor file " + file + ": " + e.getMessage(), e);
            }
            if (anchors.isEmpty()) {
                throw new IllegalStateException("No certificate in the trust anchor file " + file);
            }
        }
        return List.copyOf(anchors);
    }
}
