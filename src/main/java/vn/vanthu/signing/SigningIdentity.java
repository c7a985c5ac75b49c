package vn.vanthu.signing;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A key able to sign, with its certificate chain (signer's certificate first).
 *
 * @param id          user id, or the organisation alias for the seal
 * @param displayName the certificate subject's common name, shown as the signer's name
 */
public record SigningIdentity(String id, String displayName, PrivateKey privateKey, List<X509Certificate> chain) {

    public SigningIdentity {
        if (chain == null || chain.isEmpty()) {
            throw new IllegalArgumentException("A signing identity needs at least its own certificate");
        }
        chain = List.copyOf(chain);
    }

    public X509Certificate certificate() {
        return chain.get(0);
    }

    @Override
    public String toString() { // never print the key
        return "SigningIdentity[" + id + ", " + displayName + "]";
    }
}
