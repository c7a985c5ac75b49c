package vn.vanthu.workflow;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnDiagram;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import vn.vanthu.workflow.DocumentIssuanceProcess.Kind;

/**
 * Văn thư's rules for a route an office draws (docs/routes.md, "Validation"), checked before the
 * engine sees the file; what Camunda's own parser refuses is added at deployment ({@link Routes}).
 * Plain Java: the only thing it asks outside the file is whether a candidate group exists.
 */
final class RouteValidator {

    /** The called process every route ends its approval with (bpmn/document-issuing.bpmn). */
    public static final String ISSUING_PROCESS = DocumentIssuanceProcess.Issuing.KEY;

    /** The processes Văn thư runs itself: a route may not replace them. */
    public static final Set<String> SYSTEM_PROCESSES =
            Set.of(ISSUING_PROCESS, DocumentIssuanceProcess.Recall.KEY, DocumentIssuanceProcess.DeliveryRetry.KEY);

    /** What was read from a file: its executable process (when there is exactly one) and what is wrong with it. */
    public record Checked(String processKey, String name, BpmnModelInstance model, List<RouteError> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    private final Predicate<String> groupExists;

    public RouteValidator(Predicate<String> groupExists) {
        this.groupExists = groupExists;
    }

    public Checked check(byte[] file) {
        String head = new String(file, 0, Math.min(file.length, 4096), StandardCharsets.UTF_8);
        if (head.toUpperCase(Locale.ROOT).contains("<!DOCTYPE")) {
            // no DTDs, so no entity tricks: Modeler never writes one
            return refused(RouteError.file("Tệp BPMN không được có khai báo DOCTYPE."));
        }
        BpmnModelInstance model;
        try {
            model = Bpmn.readModelFromStream(new ByteArrayInputStream(file));
        } catch (RuntimeException e) {
            return refused(RouteError.file("Không đọc được tệp BPMN 2.0: " + shortCause(e)));
        }
        List<Process> executable = model.getModelElementsByType(Process.class).stream()
                .filter(Process::isExecutable)
                .toList();
        if (executable.size() != 1) {
            return refused(RouteError.file("Tệp phải có đúng một quy trình thực thi được (isExecutable), tệp này có "
                    + executable.size() + "."));
        }
        Process process = executable.get(0);
        List<RouteError> errors = new ArrayList<>();
        if (SYSTEM_PROCESSES.contains(process.getId())) {
            errors.add(new RouteError(
                    process.getId(), "Mã quy trình «" + process.getId() + "» là của hệ thống, hãy đặt mã khác."));
        }
        String ttl = process.getCamundaHistoryTimeToLiveString();
        if (ttl == null || ttl.isBlank()) {
            errors.add(new RouteError(
                    process.getId(), "Quy trình chưa đặt thời gian giữ lịch sử (History time to live, ví dụ P3650D)."));
        }
        List<FlowElement> elements = elementsOf(process);
        List<UserTask> userTasks = ofType(elements, UserTask.class);
        for (UserTask task : userTasks) {
            checkKind(task, errors);
            checkGroups(task, errors);
        }
        checkDiagram(model, elements, errors);
        List<UserTask> signTasks = userTasks.stream()
                .filter(t -> TaskKinds.of(t).orElse(null) == Kind.SIGN)
                .toList();
        List<CallActivity> issueSteps = ofType(elements, CallActivity.class).stream()
                .filter(c -> ISSUING_PROCESS.equals(c.getCalledElement()))
                .toList();
        if (signTasks.isEmpty()) {
            errors.add(new RouteError(process.getId(), "Quy trình không có bước ký (bước có loại sign)."));
        }
        if (issueSteps.isEmpty()) {
            errors.add(new RouteError(
                    process.getId(),
                    "Quy trình không có bước ban hành (call activity gọi quy trình «" + ISSUING_PROCESS + "»)."));
        }
        if (!signTasks.isEmpty() && !issueSteps.isEmpty()) {
            Set<String> reached = reachableAvoiding(process, elements, ids(signTasks));
            for (CallActivity issue : issueSteps) {
                if (reached.contains(issue.getId())) {
                    errors.add(new RouteError(
                            issue.getId(),
                            "Có đường từ điểm bắt đầu tới bước ban hành «" + label(issue) + "» mà không qua bước ký."));
                }
            }
        }
        return new Checked(process.getId(), process.getName(), model, List.copyOf(errors));
    }

    private static Checked refused(RouteError error) {
        return new Checked(null, null, null, List.of(error));
    }

    private static void checkKind(UserTask task, List<RouteError> errors) {
        Optional<String> declared = TaskKinds.declared(task);
        String known = Arrays.stream(Kind.values()).map(Kind::wire).collect(Collectors.joining(", "));
        if (declared.isEmpty() || declared.get().isEmpty()) {
            errors.add(new RouteError(
                    task.getId(),
                    "Bước «" + label(task) + "» chưa khai báo loại (thuộc tính mở rộng kind: " + known + ")."));
        } else if (Kind.byWire(declared.get()).isEmpty()) {
            errors.add(new RouteError(
                    task.getId(),
                    "Bước «" + label(task) + "» có loại «" + declared.get() + "» không có; loại phải là một trong: "
                            + known + "."));
        }
    }

    private void checkGroups(UserTask task, List<RouteError> errors) {
        for (String group : task.getCamundaCandidateGroupsList()) {
            String g = group.strip();
            if (g.isEmpty() || g.contains("${") || g.contains("#{")) {
                continue; // an expression: its value is known only when the task is created
            }
            if (!groupExists.test(g)) {
                errors.add(new RouteError(
                        task.getId(),
                        "Nhóm «" + g + "» giao bước «" + label(task) + "» không có trong danh sách nhóm tài khoản."));
            }
        }
    }

    /** Every flow node and sequence flow must be drawn: the route view and Cockpit draw from the diagram. */
    private static void checkDiagram(BpmnModelInstance model, List<FlowElement> elements, List<RouteError> errors) {
        if (model.getModelElementsByType(BpmnDiagram.class).isEmpty()) {
            errors.add(RouteError.file("Tệp không có sơ đồ (BPMN DI): hãy vẽ quy trình bằng Camunda Modeler."));
            return;
        }
        Set<String> shapes = new HashSet<>();
        for (BpmnShape shape : model.getModelElementsByType(BpmnShape.class)) {
            if (shape.getBpmnElement() != null) {
                shapes.add(shape.getBpmnElement().getId());
            }
        }
        Set<String> edges = new HashSet<>();
        for (BpmnEdge edge : model.getModelElementsByType(BpmnEdge.class)) {
            if (edge.getBpmnElement() != null) {
                edges.add(edge.getBpmnElement().getId());
            }
        }
        for (FlowElement element : elements) {
            if (element instanceof FlowNode && !shapes.contains(element.getId())) {
                errors.add(new RouteError(element.getId(), "«" + label(element) + "» chưa được vẽ trên sơ đồ."));
            } else if (element instanceof SequenceFlow && !edges.contains(element.getId())) {
                errors.add(new RouteError(element.getId(), "Luồng «" + label(element) + "» chưa được vẽ trên sơ đồ."));
            }
        }
    }

    /**
     * The flow nodes reachable from the start events without entering the avoided ones. A
     * sub-process is entered at its start events and left from its end events; an event
     * sub-process may start at any time, so its start events are starts too.
     */
    static Set<String> reachableAvoiding(Process process, List<FlowElement> elements, Set<String> avoided) {
        Map<String, Set<String>> next = new HashMap<>();
        List<String> starts = new ArrayList<>();
        for (FlowElement element : elements) {
            if (element instanceof SequenceFlow flow) {
                String from = flow.getSource() instanceof SubProcess s
                        ? exit(s)
                        : flow.getSource().getId();
                link(next, from, flow.getTarget().getId());
            } else if (element instanceof BoundaryEvent boundary && boundary.getAttachedTo() != null) {
                link(next, boundary.getAttachedTo().getId(), boundary.getId());
            } else if (element instanceof StartEvent start) {
                ModelElementInstance parent = start.getParentElement();
                if (parent == process || (parent instanceof SubProcess s && s.triggeredByEvent())) {
                    starts.add(start.getId());
                } else if (parent instanceof SubProcess s) {
                    link(next, s.getId(), start.getId());
                }
            } else if (element instanceof EndEvent end && end.getParentElement() instanceof SubProcess s) {
                link(next, end.getId(), exit(s));
            }
            if (element instanceof SubProcess s
                    && ofType(s.getFlowElements(), StartEvent.class).isEmpty()) {
                link(next, s.getId(), exit(s));
            }
        }
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        for (String start : starts) {
            if (!avoided.contains(start) && seen.add(start)) {
                todo.add(start);
            }
        }
        while (!todo.isEmpty()) {
            for (String n : next.getOrDefault(todo.poll(), Set.of())) {
                if (!avoided.contains(n) && seen.add(n)) {
                    todo.add(n);
                }
            }
        }
        return seen;
    }

    private static String exit(SubProcess s) {
        return s.getId() + "#exit";
    }

    private static void link(Map<String, Set<String>> next, String from, String to) {
        next.computeIfAbsent(from, k -> new HashSet<>()).add(to);
    }

    /** The process's flow elements, those inside sub-processes included, in document order. */
    static List<FlowElement> elementsOf(Process process) {
        List<FlowElement> all = new ArrayList<>();
        collect(process.getFlowElements(), all);
        return all;
    }

    private static void collect(Collection<FlowElement> elements, List<FlowElement> into) {
        for (FlowElement element : elements) {
            into.add(element);
            if (element instanceof SubProcess s) {
                collect(s.getFlowElements(), into);
            }
        }
    }

    private static <T> List<T> ofType(Collection<? extends FlowElement> elements, Class<T> type) {
        return elements.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static Set<String> ids(Collection<? extends BaseElement> elements) {
        return elements.stream().map(BaseElement::getId).collect(Collectors.toSet());
    }

    static String label(FlowElement element) {
        String name = element.getName();
        return name == null || name.isBlank() ? element.getId() : name.strip();
    }

    private static String shortCause(Throwable e) {
        Throwable root = e;
        Map<Throwable, Boolean> seen = new LinkedHashMap<>();
        while (root.getCause() != null && seen.put(root, true) == null) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.length() > 300 ? message.substring(0, 300) + "…" : message;
    }
}
