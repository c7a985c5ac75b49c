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
 * @param pkcs11             keys in a PKCS#11 token or HSM instead of files (the seal's production home)
 */
@ConfigurationProperties("vanthu.signing")
record SigningProperties(
        String keystore,
        String keystorePassword,
        String organisationAlias,
        String organisationName,
        java.util.List<String> trustAnchors,
        String signerKeys,
        String tsaUrl,
        Pkcs11 pkcs11) {

    /**
     * {@code vanthu.signing.pkcs11.*}.
     *
     * @param library       the PKCS#11 module, e.g. /usr/lib/softhsm/libsofthsm2.so or the HSM vendor's
     * @param sealSlot      slot list index of the token holding the seal key (alias = organisation-alias);
     *                      null: the seal stays in the keystore file
     * @param sealPin       the seal token's user PIN (from the environment, never in the repository)
     * @param signerSlots   leader user id → slot list index of a token of their own, opened with the
     *                      leader's PIN at each signature (key alias = user id)
     */
    public record Pkcs11(String library, Integer sealSlot, String sealPin, java.util.Map<String, Integer> signerSlots) {
        public Pkcs11 {
            signerSlots = signerSlots == null ? java.util.Map.of() : java.util.Map.copyOf(signerSlots);
        }

        public boolean configured() {
            return library != null && !library.isBlank();
        }
    }

    public static final String EMBEDDED_TSA = "embedded";

    public static final String DEFAULT_ORGANISATION_ALIAS = "organisation";

    public SigningProperties {
        if (organisationAlias == null || organisationAlias.isBlank()) {
            organisationAlias = DEFAULT_ORGANISATION_ALIAS;
        }
        trustAnchors = trustAnchors == null
                ? java.util.List.of()
                : trustAnchors.stream().filter(a -> a != null && !a.isBlank()).toList();
    }

    /** Demo mode: no keystore configured. */
    static SigningProperties demo() {
        return new SigningProperties(null, null, null, null, null, null, EMBEDDED_TSA, null);
    }

    /** Demo mode: neither a keystore file nor a PKCS#11 token configured. */
    boolean demoMode() {
        return (keystore == null || keystore.isBlank()) && (pkcs11 == null || !pkcs11.configured());
    }
}
