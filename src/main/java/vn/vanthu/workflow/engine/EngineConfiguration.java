package vn.vanthu.workflow.engine;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.CompositeProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.bpm.spring.boot.starter.util.CamundaSpringBootUtil;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The engine's configuration as Camunda's Spring Boot starter makes it (which steps back when this
 * bean exists), but reading the MyBatis mapping files with {@link MappingXPathFactory}.
 */
@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

    @Bean
    ProcessEngineConfigurationImpl processEngineConfigurationImpl(List<ProcessEnginePlugin> plugins) {
        SpringProcessEngineConfiguration configuration = CamundaSpringBootUtil.initCustomFields(new FasterMappings());
        configuration.getProcessEnginePlugins().add(new CompositeProcessEnginePlugin(plugins));
        return configuration;
    }

    /**
     * While MyBatis reads the mappings, the thread's class loader names {@link MappingXPathFactory}
     * as the XPath implementation (JAXP looks it up there). Only this thread, only then: every other
     * use of XPath in the application keeps the JDK's.
     */
    static final class FasterMappings extends SpringProcessEngineConfiguration {

        @Override
        protected void initSqlSessionFactory() {
            Thread thread = Thread.currentThread();
            ClassLoader before = thread.getContextClassLoader();
            thread.setContextClassLoader(
                    new XPathServiceLoader(before != null ? before : FasterMappings.class.getClassLoader()));
            try {
                super.initSqlSessionFactory();
            } finally {
                thread.setContextClassLoader(before);
            }
        }
    }

    /** Answers JAXP's service lookup for XPath with {@link MappingXPathFactory}; the rest as its parent. */
    static final class XPathServiceLoader extends ClassLoader {

        private static final String SERVICE = "META-INF/services/javax.xml.xpath.XPathFactory";
        private static final String OURS = "META-INF/vanthu/javax.xml.xpath.XPathFactory";

        XPathServiceLoader(ClassLoader parent) {
            super(parent);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            if (SERVICE.equals(name)) {
                URL ours = EngineConfiguration.class.getClassLoader().getResource(OURS);
                if (ours != null) {
                    return Collections.enumeration(List.of(ours));
                }
            }
            return super.getResources(name);
        }
    }
}
