package vn.vanthu.signing;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Signing configuration ({@code vanthu.signing.*}).
 *
 * @param keystore           path of a PKCS#12 file holding one key entry per signer (alias = user id) and
 *                           the organisation's seal key; null or blank selects demo mode
 * @param keystorePassword   password of the keystore and of its key entries
 * @param organisationAlias  alias of the organisation's key entry, default "organisation"
 * @param organisationName   the organisation's name, used for the demo seal certificate and as signature location
 * @param trustAnchors       files (PEM or DER) of the CA certificates the office trusts; a signature is valid
 *                           only when its certificate chains to one of them. The embedded default adds its demo CA.
 * @param signerKeys         folder of the leaders' keys: {@code {userId}.p12} whose password is the leader's own
 *                           signing PIN, and {@code {userId}.cer} (its certificate, readable without the PIN);
 *                           demo mode: {@code {data-dir}/keys/signers}, every PIN {@code demo}
 * @param tsaUrl             RFC 3161 time-stamping service: an http(s) URL, {@code embedded} for the demo TSA
 *                           that the demo CA certifies (demo mode only), or blank for no timestamp (PAdES B-B)
 */
@ConfigurationProperties("vanthu.signing")
public record SigningProperties(
        String keystore,
        String keystorePassword,
        String organisationAlias,
        String organisationName,
        java.util.List<String> trustAnchors,
        String signerKeys,
        String tsaUrl) {

    public static final String EMBEDDED_TSA = "embedded";

    public static final String DEFAULT_ORGANISATION_ALIAS = "organisation";

    public SigningProperties {
        if (organisationAlias == null || organisationAlias.isBlank()) {
            organisationAlias = DEFAULT_ORGANISATION_ALIAS;
        }
        trustAnchors = trustAnchors == null ? java.util.List.of()
                : trustAnchors.stream().filter(a -> a != null && !a.isBlank()).toList();
    }

    /** Demo mode: no keystore configured. */
    public static SigningProperties demo() {
        return new SigningProperties(null, null, null, null, null, null, EMBEDDED_TSA);
    }

    public boolean demoMode() {
        return keystore == null || keystore.isBlank();
    }
}
