package vn.vanthu.signing;

import vn.vanthu.security.AuditedEvent;

/**
 * What tests of other packages need of the signing module's insides, which stay package-private
 * in the main code (ModulesClosedTest): a signer with the demo TSA, and the event of a wrong PIN.
 */
public final class DemoSigning {

    private DemoSigning() {}

    /** A signer on these keys with the embedded demo TSA, as in demo mode, without Spring. */
    public static DocumentSigner signer(SigningKeys keys) {
        return new DocumentSigner(keys, new TimestampAuthority(SigningProperties.demo(), keys));
    }

    /** What {@link SigningPins} publishes when a wrong PIN is given for this leader's key. */
    public static AuditedEvent wrongPin(String userId, int attemptsLeft) {
        return new SigningPinRefused(userId, attemptsLeft);
    }
}
