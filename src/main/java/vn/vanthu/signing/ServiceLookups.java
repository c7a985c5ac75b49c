package vn.vanthu.signing;

import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.pades.PAdESSignatureParameters;
import eu.europa.esig.dss.pades.signature.PAdESService;
import eu.europa.esig.dss.spi.validation.CertificateVerifier;
import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Service look-ups answered from memory while DSS signs. DSS finds its CMS generator through a
 * {@code ServiceLoader} on every CMS it makes (four per document), and the JDK's XML factories do the
 * same on each {@code newInstance}: each look-up asks every one of the ~230 jars on the class path for
 * {@code META-INF/services/…}, 6 % of a signature's CPU. The jars do not change while the application
 * runs, so this class loader (the thread's context class loader for the call, where those look-ups
 * start) keeps each answer; everything else, classes included, is its parent's, unchanged.
 */
final class ServiceLookups extends ClassLoader {

    private static final String SERVICES = "META-INF/services/";
    private static final ServiceLookups APPLICATION = new ServiceLookups(ServiceLookups.class.getClassLoader());

    private final Map<String, List<URL>> found = new ConcurrentHashMap<>();

    ServiceLookups(ClassLoader parent) {
        super("service-lookups", parent);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        if (!name.startsWith(SERVICES)) {
            return super.getResources(name);
        }
        List<URL> urls = found.get(name);
        if (urls == null) {
            urls = List.copyOf(Collections.list(super.getResources(name)));
            found.put(name, urls);
        }
        return Collections.enumeration(urls);
    }

    /** DSS's PAdES service, each of whose calls {@link DocumentSigner} makes runs {@link #around}. */
    static PAdESService padesService(CertificateVerifier verifier) {
        return new PAdESService(verifier) {
            @Override
            public ToBeSigned getDataToSign(DSSDocument document, PAdESSignatureParameters parameters) {
                return around(() -> super.getDataToSign(document, parameters));
            }

            @Override
            public DSSDocument signDocument(
                    DSSDocument document, PAdESSignatureParameters parameters, SignatureValue value) {
                return around(() -> super.signDocument(document, parameters, value));
            }

            @Override
            public DSSDocument extendDocument(DSSDocument document, PAdESSignatureParameters parameters) {
                return around(() -> super.extendDocument(document, parameters));
            }
        };
    }

    /** The work, with service look-ups answered from memory. */
    static <T> T around(Supplier<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(APPLICATION);
        try {
            return work.get();
        } finally {
            thread.setContextClassLoader(before);
        }
    }
}
