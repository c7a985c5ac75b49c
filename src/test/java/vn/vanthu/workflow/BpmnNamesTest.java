package vn.vanthu.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.Documentation;
import org.camunda.bpm.model.bpmn.instance.ErrorEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.vanthu.workflow.DocumentIssuanceProcess.Decision;
import vn.vanthu.workflow.DocumentIssuanceProcess.DeliveryRetry;
import vn.vanthu.workflow.DocumentIssuanceProcess.Elements;
import vn.vanthu.workflow.DocumentIssuanceProcess.Issuing;
import vn.vanthu.workflow.DocumentIssuanceProcess.Kind;
import vn.vanthu.workflow.DocumentIssuanceProcess.Messages;
import vn.vanthu.workflow.DocumentIssuanceProcess.Recall;
import vn.vanthu.workflow.DocumentIssuanceProcess.Routes;
import vn.vanthu.workflow.DocumentIssuanceProcess.Variable;
import vn.vanthu.workflow.DocumentIssuanceProcess.Variables;

/**
 * DocumentIssuanceProcess against every file in bpmn/, without Spring or an engine: each constant
 * names something in the models, and each task, message and variable the models use has its
 * constant. A rename in Camunda Modeler fails here, not in a running process.
 */
class BpmnNamesTest {

    /** Names the engine itself gives expressions. */
    private static final Set<String> ENGINE_NAMES = Set.of("execution", "task", "authenticatedUserId");

    private static final Set<String> EL_KEYWORDS = Set.of(
            "null",
            "true",
            "false",
            "and",
            "or",
            "not",
            "eq",
            "ne",
            "lt",
            "gt",
            "le",
            "ge",
            "empty",
            "div",
            "mod",
            "instanceof");
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern QUOTED = Pattern.compile("'[^']*'|\"[^\"]*\"");
    /** An identifier that starts a chain (not a property after a dot); group 2 says whether it is dereferenced. */
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.])([A-Za-z_]\\w*)(\\s*[.(])?");

    private static final Pattern COMPARISON = Pattern.compile("(\\w+)\\s*==\\s*'([^']*)'");

    static List<BpmnModelInstance> models = new ArrayList<>();

    /** What the models use. */
    static final Set<String> processIds = new TreeSet<>();

    static final Set<String> elementIds = new TreeSet<>();
    static final Set<String> activityIds = new TreeSet<>();
    static final Set<String> userTaskIds = new TreeSet<>();
    static final Map<String, Kind> userTaskKinds = new java.util.HashMap<>();
    static final Set<String> messageNames = new TreeSet<>();
    /** Identifiers used as values in expressions: process variables (or engine names). */
    static final Set<String> expressionVariables = new TreeSet<>();
    /** Variables each process's documentation lists ("Variables: a, b (what b is), c."). */
    static final Set<String> documentedVariables = new TreeSet<>();
    /** variable → the string literals it is compared with in conditions. */
    static final Map<String, Set<String>> comparedWith = new HashMap<>();

    static boolean hasMultiInstance;

    @BeforeAll
    static void readEveryModel() throws IOException {
        // bpmn/ and the routes in bpmn/routes/
        try (Stream<Path> files = Stream.concat(Files.list(Path.of("bpmn")), Files.list(Path.of("bpmn", "routes")))) {
            List<File> bpmn = files.filter(p -> p.toString().endsWith(".bpmn"))
                    .sorted()
                    .map(Path::toFile)
                    .toList();
            assertThat(bpmn).hasSizeGreaterThanOrEqualTo(7);
            bpmn.forEach(file -> models.add(Bpmn.readModelFromFile(file)));
        }
        for (BpmnModelInstance model : models) {
            Bpmn.validateModel(model);
            model.getModelElementsByType(Process.class).forEach(p -> processIds.add(p.getId()));
            model.getModelElementsByType(BaseElement.class).forEach(e -> {
                if (e.getId() != null) {
                    elementIds.add(e.getId());
                }
            });
            model.getModelElementsByType(Activity.class).forEach(a -> activityIds.add(a.getId()));
            model.getModelElementsByType(UserTask.class).forEach(t -> {
                userTaskIds.add(t.getId());
                userTaskKinds.put(t.getId(), TaskKinds.of(t).orElse(null));
            });
            model.getModelElementsByType(Message.class).forEach(m -> messageNames.add(m.getName()));
            hasMultiInstance |= !model.getModelElementsByType(MultiInstanceLoopCharacteristics.class)
                    .isEmpty();

            Consumer<String> value = BpmnNamesTest::readExpression;
            Consumer<String> bean = text -> {
                // a delegate expression names a bean, ${sendDocument}: only what it dereferences counts
                if (text != null && !text.matches("\\$\\{\\w+}")) {
                    readExpression(text);
                }
            };
            model.getModelElementsByType(SequenceFlow.class).forEach(f -> {
                if (f.getConditionExpression() != null) {
                    String condition = f.getConditionExpression().getTextContent();
                    readExpression(condition);
                    Matcher m = COMPARISON.matcher(condition);
                    while (m.find()) {
                        comparedWith
                                .computeIfAbsent(m.group(1), k -> new TreeSet<>())
                                .add(m.group(2));
                    }
                }
            });
            model.getModelElementsByType(UserTask.class).forEach(t -> {
                value.accept(t.getCamundaAssignee());
                value.accept(t.getCamundaCandidateUsers());
                value.accept(t.getCamundaCandidateGroups());
                value.accept(t.getCamundaDueDate());
                value.accept(t.getCamundaFollowUpDate());
            });
            model.getModelElementsByType(ServiceTask.class).forEach(t -> {
                bean.accept(t.getCamundaDelegateExpression());
                value.accept(t.getCamundaExpression());
            });
            model.getModelElementsByType(MultiInstanceLoopCharacteristics.class).forEach(mi -> {
                if (mi.getLoopCardinality() != null) {
                    value.accept(mi.getLoopCardinality().getTextContent());
                }
                if (mi.getCompletionCondition() != null) {
                    value.accept(mi.getCompletionCondition().getTextContent());
                }
                value.accept(mi.getCamundaCollection());
            });
            model.getModelElementsByType(TimerEventDefinition.class).forEach(timer -> {
                Stream.of(timer.getTimeDate(), timer.getTimeDuration(), timer.getTimeCycle())
                        .filter(java.util.Objects::nonNull)
                        .forEach(t -> value.accept(t.getTextContent()));
            });
            model.getModelElementsByType(CamundaExecutionListener.class).forEach(l -> {
                value.accept(l.getCamundaExpression());
                bean.accept(l.getCamundaDelegateExpression());
            });
            model.getModelElementsByType(CamundaTaskListener.class).forEach(l -> {
                value.accept(l.getCamundaExpression());
                bean.accept(l.getCamundaDelegateExpression());
            });
            model.getModelElementsByType(CamundaFailedJobRetryTimeCycle.class)
                    .forEach(c -> value.accept(c.getTextContent()));
            // an error event's camunda:errorMessageVariable names a variable the engine sets
            model.getModelElementsByType(ErrorEventDefinition.class).stream()
                    .map(e -> e.getAttributeValueNs("http://camunda.org/schema/1.0/bpmn", "errorMessageVariable"))
                    .filter(java.util.Objects::nonNull)
                    .forEach(expressionVariables::add);
            for (Process process : model.getModelElementsByType(Process.class)) {
                process.getDocumentations().stream()
                        .map(Documentation::getTextContent)
                        .forEach(text -> documentedVariables.addAll(documented(text)));
            }
        }
    }

    private static void readExpression(String text) {
        if (text == null) {
            return;
        }
        Matcher expression = EXPRESSION.matcher(text);
        while (expression.find()) {
            Matcher id = IDENTIFIER.matcher(QUOTED.matcher(expression.group(1)).replaceAll("''"));
            while (id.find()) {
                boolean dereferenced = id.group(2) != null;
                String name = id.group(1);
                // ${bean.method(...)} and ${bean.property} name beans; a bare identifier is a variable
                if (!dereferenced && !EL_KEYWORDS.contains(name)) {
                    expressionVariables.add(name);
                }
            }
        }
    }

    /** "… Variables: documentId, drafter, reminderAt (a date, or null). …" → the names. */
    static Set<String> documented(String documentation) {
        Matcher m =
                Pattern.compile("(?i)variables:([^.]*(?:\\([^)]*\\)[^.]*)*)\\.").matcher(documentation);
        Set<String> names = new TreeSet<>();
        while (m.find()) {
            String list = m.group(1).replaceAll("\\([^)]*\\)", "");
            Arrays.stream(list.split(","))
                    .map(String::strip)
                    .filter(s -> s.matches("\\w+"))
                    .forEach(names::add);
        }
        return names;
    }

    /** The String constants of a constants class. */
    static Set<String> stringConstants(Class<?> type) {
        return Arrays.stream(type.getDeclaredFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
                .map(BpmnNamesTest::value)
                .map(String.class::cast)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Every Variable constant's name (also used by BeanFirstExpressionsTest). */
    static Set<String> variableNames() {
        return Arrays.stream(Variables.class.getDeclaredFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == Variable.class)
                .map(f -> ((Variable<?>) value(f)).name())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Object value(Field field) {
        try {
            return field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theModelsAreRead() {
        assertThat(processIds).hasSize(7);
        assertThat(userTaskIds).isNotEmpty();
        assertThat(expressionVariables).isNotEmpty();
        assertThat(documented("The clerk… Variables: documentId, kind (ISSUE, REMINDER), position. Then."))
                .containsExactlyInAnyOrder("documentId", "kind", "position");
    }

    @Test
    void everyProcessKeyNamesAProcessAndEveryProcessHasItsKey() {
        Set<String> keys =
                new TreeSet<>(Set.of(DocumentIssuanceProcess.KEY, Issuing.KEY, Recall.KEY, DeliveryRetry.KEY));
        keys.addAll(stringConstants(Routes.class));
        assertThat(processIds).containsExactlyInAnyOrderElementsOf(keys);
    }

    @Test
    void everyElementConstantNamesAnElement() {
        assertThat(elementIds).containsAll(stringConstants(Elements.class));
    }

    @Test
    void everyTaskOfTheModelsHasItsConstant() {
        assertThat(stringConstants(Elements.class))
                .as("an Elements constant for each task")
                .containsAll(activityIds);
    }

    @Test
    void everyUserTaskDeclaresAKindJavaKnows() {
        assertThat(userTaskKinds).as("user task → its kind property").doesNotContainValue(null);
        assertThat(userTaskKinds.keySet()).containsExactlyInAnyOrderElementsOf(userTaskIds);
    }

    @Test
    void messagesMatch() {
        assertThat(messageNames).containsExactlyInAnyOrderElementsOf(stringConstants(Messages.class));
    }

    @Test
    void everyVariableTheModelsUseHasItsConstant() {
        Set<String> used = new TreeSet<>(expressionVariables);
        used.removeAll(ENGINE_NAMES);
        used.addAll(documentedVariables);
        assertThat(variableNames()).containsAll(used);
    }

    @Test
    void everyVariableConstantIsUsedOrDocumentedByAModel() {
        Set<String> known = new HashSet<>(expressionVariables);
        known.addAll(documentedVariables);
        if (hasMultiInstance) {
            // the engine sets it on each inner instance of a multi-instance
            known.add(Variables.LOOP_COUNTER.name());
        }
        assertThat(known).containsAll(variableNames());
    }

    @Test
    void eachTaskDecisionVariableIsComparedWithExactlyItsDecisions() {
        for (Kind task : Kind.values()) {
            if (!comparedWith.containsKey(task.decisionVariable().name())) {
                continue; // no gateway reads it (a consultation's opinions), or no model here draws the kind
            }
            assertThat(comparedWith.get(task.decisionVariable().name()))
                    .as(task.wire())
                    .containsExactlyInAnyOrderElementsOf(
                            task.decisions().stream().map(Decision::wire).toList());
        }
        Set<String> decisionVariables = Arrays.stream(Kind.values())
                .map(t -> t.decisionVariable().name())
                .collect(Collectors.toSet());
        assertThat(decisionVariables).containsAll(comparedWith.keySet());
    }

    @Test
    void everyDecisionBelongsToATaskAndItsWireValuesAndEventsAreUnique() {
        Set<Decision> taken = Arrays.stream(Kind.values())
                .flatMap(t -> t.decisions().stream())
                .collect(Collectors.toSet());
        assertThat(taken).containsExactlyInAnyOrder(Decision.values());
        assertThat(Arrays.stream(Decision.values()).map(Decision::wire).distinct())
                .hasSize(Decision.values().length);
        assertThat(Arrays.stream(Decision.values()).map(Decision::event).distinct())
                .hasSize(Decision.values().length);
    }
}
