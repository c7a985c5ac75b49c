package vn.vanthu.signing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Once the application is up, sets up on a thread of its own what the first signature and the first
 * check would otherwise wait for: the demo keys (made on the first start), Bouncy Castle, DSS's
 * policy. Kept out of the start-up itself, which it lengthened by about a second (docs/benchmarks.md).
 * A signature or check that comes first waits for the same one-time set-up, never does it twice.
 */
@Component
class SigningWarmUp {

    private static final Logger log = LoggerFactory.getLogger(SigningWarmUp.class);

    private final SigningKeys keys;
    private final DocumentSigner signer;
    private final SignatureVerifier verifier;
    private volatile Thread thread;

    SigningWarmUp(SigningKeys keys, DocumentSigner signer, SignatureVerifier verifier) {
        this.keys = keys;
        this.signer = signer;
        this.verifier = verifier;
    }

    @EventListener(ApplicationReadyEvent.class)
    void afterStart() {
        Thread started = new Thread(this::warmUp, "signing-warm-up");
        started.setDaemon(true);
        thread = started;
        started.start();
    }

    /** Whether the set-up after start has ended (a test closing the context must not cut it short). */
    boolean finished() {
        Thread started = thread;
        return started != null && !started.isAlive();
    }

    void warmUp() {
        long start = System.nanoTime();
        try {
            keys.makeDemoKeys();
            signer.warmUp();
            verifier.warmUp();
            log.debug("Signing set up in {} ms", (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException e) {
            // the first signature will meet the same problem and report it where someone sees it
            log.warn("Setting up signing after start failed: {}", e.toString());
        }
    }
}
