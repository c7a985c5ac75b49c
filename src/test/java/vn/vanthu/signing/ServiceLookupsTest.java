package vn.vanthu.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.europa.esig.dss.cms.CMSGenerator;
import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Service look-ups during a signature find what the class path holds, asking it once. */
class ServiceLookupsTest {

    @Test
    void dssFindsTheSameCmsGeneratorAndTheClassPathIsAskedOnce() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        ClassLoader application = getClass().getClassLoader();
        ClassLoader counting = new ClassLoader(application) {
            @Override
            public Enumeration<URL> getResources(String name) throws IOException {
                asked.incrementAndGet();
                return super.getResources(name);
            }
        };
        ServiceLookups lookups = new ServiceLookups(counting);
        String services = "META-INF/services/" + CMSGenerator.class.getName();

        List<URL> first = Collections.list(lookups.getResources(services));
        List<URL> again = Collections.list(lookups.getResources(services));

        assertThat(first).isNotEmpty().isEqualTo(Collections.list(application.getResources(services)));
        assertThat(again).isEqualTo(first);
        assertThat(asked).hasValue(1);
        // anything else is asked of the class path each time, as before
        lookups.getResources("META-INF/MANIFEST.MF");
        lookups.getResources("META-INF/MANIFEST.MF");
        assertThat(asked).hasValue(3);
    }

    @Test
    void aroundASignatureTheProvidersAreTheApplicationsOwnClasses() {
        Class<?> plain =
                ServiceLoader.load(CMSGenerator.class).findFirst().orElseThrow().getClass();
        Class<?> around = ServiceLookups.around(() ->
                ServiceLoader.load(CMSGenerator.class).findFirst().orElseThrow().getClass());
        assertThat(around).isSameAs(plain);
    }

    @Test
    void theThreadsClassLoaderIsGivenBackAlsoWhenTheWorkFails() {
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        assertThatThrownBy(() -> ServiceLookups.around(() -> {
                    assertThat(Thread.currentThread().getContextClassLoader()).isInstanceOf(ServiceLookups.class);
                    throw new IllegalStateException("refused");
                }))
                .hasMessage("refused");
        assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(before);
    }
}
