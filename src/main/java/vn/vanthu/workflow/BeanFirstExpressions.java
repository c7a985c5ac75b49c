package vn.vanthu.workflow;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.spring.ApplicationContextElResolver;
import org.camunda.bpm.engine.spring.SpringExpressionManager;
import org.camunda.bpm.impl.juel.jakarta.el.CompositeELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ELContext;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * The BPMN's expressions name Văn thư's beans: {@code ${sendDocument}},
 * {@code ${documentStatus.mark(execution, 'IN_REVIEW')}}, {@code ${distributionSettings.retryCycle}}.
 * Camunda tries an identifier as a process variable first, walking every scope up to the process
 * instance and loading each scope's variables from the database, and only then as a Spring bean:
 * every email job ran three SELECTs just to learn that "sendDocument" is not a variable (5 % of
 * the CPU per document in the benchmark's profile). Here an identifier that names one of Văn
 * thư's own beans is that bean at once; everything else resolves as before. So no process variable
 * may be named like one of our beans ({@code BeanFirstExpressionsTest} checks the ones used).
 */
@Component
class BeanFirstExpressions extends AbstractProcessEnginePlugin {

    private final ApplicationContext context;

    BeanFirstExpressions(ApplicationContext context) {
        this.context = context;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setExpressionManager(new Manager(context, configuration.getBeans()));
    }

    static final class Manager extends SpringExpressionManager {

        Manager(ApplicationContext context, Map<Object, Object> beans) {
            super(context, beans);
        }

        @Override
        protected ELResolver createElResolver() {
            CompositeELResolver resolver = new CompositeELResolver();
            resolver.add(new OwnBeans(applicationContext));
            resolver.add(super.createElResolver());
            return resolver;
        }
    }

    /** Resolves only identifiers naming a bean of Văn thư's own classes; leaves the rest unresolved. */
    static final class OwnBeans extends ApplicationContextElResolver {

        private final Map<String, Boolean> own = new ConcurrentHashMap<>();

        OwnBeans(ApplicationContext context) {
            super(context);
        }

        @Override
        public Object getValue(ELContext elContext, Object base, Object property) {
            if (base == null && property instanceof String name && own.computeIfAbsent(name, this::isOwnBean)) {
                return super.getValue(elContext, null, name);
            }
            return null;
        }

        private boolean isOwnBean(String name) {
            if (!applicationContext.containsBean(name)) {
                return false;
            }
            Class<?> type = applicationContext.getType(name);
            return type != null && type.getName().startsWith("vn.vanthu.");
        }
    }
}
