package vn.vanthu.signing;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code vanthu.signing.level}: how far the issued file carries its own proof. {@code B-LT} (default):
 * the seal with a signature timestamp, and the certificates and CRLs of both signatures in the file, so it
 * can be checked offline after the CA is gone, as long as the algorithms and the TSA's certificate hold.
 * {@code B-LTA}: also a document timestamp over all of it, which an archive renews before that time runs
 * out (docs/signing.md, "Long-term validation").
 */
@ConfigurationProperties("vanthu.signing")
record SignatureLevelProperties(Level level) {

    public enum Level {
        B_LT,
        B_LTA
    }

    public SignatureLevelProperties {
        level = level == null ? Level.B_LT : level;
    }
}
