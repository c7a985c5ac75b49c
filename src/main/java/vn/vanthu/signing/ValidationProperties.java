package vn.vanthu.signing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code vanthu.signing.revocation-online}: whether the verification fetches CRLs and OCSP answers
 * over the network (a real CA's); off, only what the PDF carries and the demo CA's own CRL count.
 */
@ConfigurationProperties("vanthu.signing")
record ValidationProperties(@DefaultValue("false") boolean revocationOnline) {}
