package vn.vanthu.config;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartingEvent;
import org.springframework.context.ApplicationListener;

/**
 * Start-up (issue 16, item 6; docs/benchmarks.md): the classes whose static set-up is slow and needs
 * nothing of Spring are initialised on a second thread while the main one parses configuration and
 * builds the engine — the Bouncy Castle provider (SigningKeys), DSS's validation policy
 * (PadesValidation), the embedded fonts (LiberationSerif) and the PDF renderer's logging. The JVM
 * initialises a class once: a thread that needs one of them sooner waits for it, nothing runs twice.
 * Registered in META-INF/spring.factories (every SpringApplication: the app, the tests, the benchmark),
 * once per JVM; -Dvanthu.preinit=false turns it off.
 */
public class BackgroundPreinitializer implements ApplicationListener<ApplicationStartingEvent> {

    private static final AtomicBoolean STARTED = new AtomicBoolean();

    static final List<String> CLASSES = List.of(
            "vn.vanthu.signing.SigningKeys",
            "vn.vanthu.signing.PadesValidation",
            "vn.vanthu.rendering.LiberationSerif",
            "vn.vanthu.rendering.DocumentRenderer");

    @Override
    public void onApplicationEvent(ApplicationStartingEvent event) {
        if (!Boolean.parseBoolean(System.getProperty("vanthu.preinit", "true")) || !STARTED.compareAndSet(false, true)) {
            return;
        }
        ClassLoader loader = event.getSpringApplication().getClassLoader();
        Thread thread = new Thread(() -> {
            for (String name : CLASSES) {
                try {
                    Class.forName(name, true, loader);
                } catch (Throwable e) {
                    // the main thread meets the same failure when it needs the class, and reports it
                    LoggerFactory.getLogger(BackgroundPreinitializer.class).debug("Pre-initialising {} failed", name, e);
                }
            }
        }, "vanthu-preinit");
        thread.setDaemon(true);
        thread.start();
    }
}
