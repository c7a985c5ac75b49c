package vn.vanthu.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import vn.vanthu.support.Drafts;
import vn.vanthu.support.Flow;
import vn.vanthu.support.IntegrationTest;

/** Identifiers naming Văn thư's beans resolve without touching process variables. */
class BeanFirstExpressionsTest extends IntegrationTest {

    @Autowired
    ProcessEngine engine;

    @Autowired
    HistoryService history;

    @Autowired
    ApplicationContext context;

    /** A variable scope that records every call made to it and holds one variable, signer = bithu. */
    static VariableScope recording(List<String> calls) {
        return (VariableScope) Proxy.newProxyInstance(
                VariableScope.class.getClassLoader(), new Class<?>[] {VariableScope.class}, (proxy, method, args) -> {
                    calls.add(method.getName() + (args == null ? "" : Arrays.toString(args)));
                    boolean signer = args != null
                            && args.length > 0
                            && DocumentIssuanceProcess.Variables.SIGNER.name().equals(args[0]);
                    return switch (method.getName()) {
                        case "hasVariable", "hasVariableLocal" -> signer;
                        case "getVariable", "getVariableLocal" -> signer ? "bithu" : null;
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> method.getReturnType() == boolean.class ? false : null;
                    };
                });
    }

    Object evaluate(String expression, VariableScope scope) {
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        return configuration
                .getCommandExecutorTxRequired()
                .execute(command -> configuration
                        .getExpressionManager()
                        .createExpression(expression)
                        .getValue(scope));
    }

    @Test
    void aBeanOfOursResolvesWithoutAskingTheVariables() {
        List<String> calls = new ArrayList<>();
        assertThat(evaluate("${documentStatus}", recording(calls))).isSameAs(context.getBean("documentStatus"));
        assertThat(evaluate("${sendDocument}", recording(calls))).isSameAs(context.getBean("sendDocument"));
        assertThat(calls).isEmpty();
    }

    @Test
    void variablesAndOtherNamesResolveAsBefore() {
        List<String> calls = new ArrayList<>();
        assertThat(evaluate("${signer}", recording(calls))).isEqualTo("bithu");
        assertThat(calls).anyMatch(call -> call.startsWith("hasVariable[signer"));
        // a name that is neither: the variables are asked, then the engine's usual error
        calls.clear();
        assertThatThrownBy(() -> evaluate("${khongCo}", recording(calls)))
                .isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("khongCo");
        assertThat(calls).anyMatch(call -> call.startsWith("hasVariable[khongCo"));
    }

    @Test
    void noProcessVariableIsNamedLikeOneOfOurBeans() throws Exception {
        // every variable the processes set while issuing a Giấy mời (history level AUDIT records them)
        Flow flow = new Flow(this);
        flow.issue(Drafts.invitation("Biến quy trình", "bienquytrinh.vn", 2));
        Set<String> variables = history.createHistoricVariableInstanceQuery().list().stream()
                .map(HistoricVariableInstance::getName)
                .collect(Collectors.toCollection(HashSet::new));
        variables.addAll(BpmnNamesTest.variableNames());
        assertThat(variables)
                .contains(
                        DocumentIssuanceProcess.Variables.SIGNER.name(),
                        DocumentIssuanceProcess.Variables.LOOP_COUNTER.name());
        Set<String> ourBeans = Arrays.stream(context.getBeanDefinitionNames())
                .filter(name -> {
                    Class<?> type = context.getType(name);
                    return type != null && type.getName().startsWith("vn.vanthu.");
                })
                .collect(Collectors.toSet());
        assertThat(ourBeans)
                .contains(DocumentIssuanceProcess.Elements.SEND_DOCUMENT, "documentStatus")
                .doesNotContainAnyElementsOf(variables);
    }
}
