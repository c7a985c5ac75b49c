package vn.vanthu.workflow;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.stereotype.Service;
import vn.vanthu.document.AccessPolicy;
import vn.vanthu.document.AccessPolicy.Action;
import vn.vanthu.document.Document;
import vn.vanthu.document.DocumentService;
import vn.vanthu.security.Caller;

/**
 * Where a document is on its route (GET /api/documents/{id}/route, the drawing on the document
 * page): the route's user tasks in flow order, each done, active or pending in the latest round.
 */
@Service
public class RouteProgress {

    public static final String DONE = "done";
    public static final String ACTIVE = "active";
    public static final String PENDING = "pending";

    /** One step: who holds it while active, who completed it and when once done. */
    public record Step(
            String elementId,
            String name,
            String kind,
            String state,
            List<String> holders,
            String doneBy,
            Instant doneAt) {}

    public record RouteView(String processKey, Integer version, List<Step> steps) {}

    /** The view and the model it was read from (the page draws the model's diagram). */
    public record Progress(RouteView view, BpmnModelInstance model) {}

    private final DocumentService documents;
    private final AccessPolicy access;
    private final RepositoryService repository;
    private final HistoryService history;
    private final TaskService tasks;
    private final IdentityService identity;
    private final RouteBindings bindings;

    RouteProgress(
            DocumentService documents,
            AccessPolicy access,
            RepositoryService repository,
            HistoryService history,
            TaskService tasks,
            IdentityService identity,
            RouteBindings bindings) {
        this.documents = documents;
        this.access = access;
        this.repository = repository;
        this.history = history;
        this.tasks = tasks;
        this.identity = identity;
        this.bindings = bindings;
    }

    /** As a reader of the document may see it. */
    public Progress of(Long documentId, Caller caller) {
        Document document = documents.get(documentId);
        access.check(caller, Action.VIEW_DOCUMENT, documents.readers(document));
        String instanceId = document.getProcessInstanceId();
        ProcessDefinition definition;
        if (instanceId == null) {
            // not submitted yet: the route it would start on, all pending
            definition = repository
                    .createProcessDefinitionQuery()
                    .processDefinitionKey(bindings.processKeyFor(document.getType()))
                    .latestVersion()
                    .singleResult();
        } else {
            HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery()
                    .processInstanceId(instanceId)
                    .singleResult();
            definition = instance == null ? null : repository.getProcessDefinition(instance.getProcessDefinitionId());
        }
        if (definition == null) {
            return new Progress(new RouteView(null, null, List.of()), null);
        }
        BpmnModelInstance model = repository.getBpmnModelInstance(definition.getId());
        List<UserTask> ordered = inFlowOrder(model, definition.getKey());
        List<HistoricTaskInstance> done = instanceId == null
                ? List.of()
                : history.createHistoricTaskInstanceQuery()
                        .processInstanceId(instanceId)
                        .list();
        List<Task> open = instanceId == null
                ? List.of()
                : tasks.createTaskQuery().processInstanceId(instanceId).list();
        return new Progress(
                new RouteView(definition.getKey(), definition.getVersion(), steps(ordered, done, open)), model);
    }

    private List<Step> steps(List<UserTask> ordered, List<HistoricTaskInstance> past, List<Task> open) {
        Map<String, List<HistoricTaskInstance>> byKey = new HashMap<>();
        for (HistoricTaskInstance t : past) {
            byKey.computeIfAbsent(t.getTaskDefinitionKey(), k -> new ArrayList<>())
                    .add(t);
        }
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            UserTask element = ordered.get(i);
            String key = element.getId();
            String kind = TaskKinds.of(element)
                    .map(DocumentIssuanceProcess.Kind::wire)
                    .orElse(null);
            String name = RouteValidator.label(element);
            List<Task> openHere = open.stream()
                    .filter(t -> key.equals(t.getTaskDefinitionKey()))
                    .toList();
            if (!openHere.isEmpty()) {
                steps.add(new Step(key, name, kind, ACTIVE, holders(openHere), null, null));
                continue;
            }
            HistoricTaskInstance last = byKey.getOrDefault(key, List.of()).stream()
                    .filter(t -> t.getEndTime() != null && "completed".equals(t.getDeleteReason()))
                    .max(Comparator.comparing(HistoricTaskInstance::getEndTime))
                    .orElse(null);
            if (last == null || laterRoundBegan(ordered.subList(0, i), byKey, open, last)) {
                steps.add(new Step(key, name, kind, PENDING, List.of(), null, null));
            } else {
                steps.add(new Step(
                        key,
                        name,
                        kind,
                        DONE,
                        List.of(),
                        last.getAssignee(),
                        last.getEndTime().toInstant()));
            }
        }
        return steps;
    }

    /**
     * Whether the document went back past this step after it was done (a return): a step before it
     * in flow order started again later, so this one waits for the new round.
     */
    private static boolean laterRoundBegan(
            List<UserTask> before,
            Map<String, List<HistoricTaskInstance>> byKey,
            List<Task> open,
            HistoricTaskInstance last) {
        for (UserTask earlier : before) {
            for (HistoricTaskInstance t : byKey.getOrDefault(earlier.getId(), List.of())) {
                if (t.getStartTime().after(last.getEndTime())) {
                    return true;
                }
            }
            for (Task t : open) {
                // an earlier step open again: this one waits for the new round (no clock comparison:
                // two acts within one tick of the engine's clock must not look simultaneous)
                if (earlier.getId().equals(t.getTaskDefinitionKey())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** An open step's holders: its assignee, else its candidate users and the members of its candidate groups. */
    private List<String> holders(List<Task> open) {
        Set<String> users = new LinkedHashSet<>();
        for (Task task : open) {
            if (task.getAssignee() != null) {
                users.add(task.getAssignee());
                continue;
            }
            for (IdentityLink link : tasks.getIdentityLinksForTask(task.getId())) {
                if (!IdentityLinkType.CANDIDATE.equals(link.getType())) {
                    continue;
                }
                if (link.getUserId() != null) {
                    users.add(link.getUserId());
                }
                if (link.getGroupId() != null) {
                    identity.createUserQuery().memberOfGroup(link.getGroupId()).orderByUserId().asc().list().stream()
                            .map(User::getId)
                            .forEach(users::add);
                }
            }
        }
        return List.copyOf(users);
    }

    /**
     * The route's user tasks in the order a walk from its start events meets them, those it does
     * not meet after, and the drafter's revision last.
     */
    static List<UserTask> inFlowOrder(BpmnModelInstance model, String processKey) {
        Process process = model.getModelElementsByType(Process.class).stream()
                .filter(p -> processKey.equals(p.getId()))
                .findFirst()
                .orElse(null);
        if (process == null) {
            return List.of();
        }
        List<FlowElement> elements = RouteValidator.elementsOf(process);
        Map<String, List<String>> next = new HashMap<>();
        Deque<String> todo = new ArrayDeque<>();
        for (FlowElement e : elements) {
            if (e instanceof SequenceFlow f) {
                next.computeIfAbsent(f.getSource().getId(), k -> new ArrayList<>())
                        .add(f.getTarget().getId());
            } else if (e instanceof BoundaryEvent b && b.getAttachedTo() != null) {
                next.computeIfAbsent(b.getAttachedTo().getId(), k -> new ArrayList<>())
                        .add(b.getId());
            } else if (e instanceof StartEvent s) {
                if (s.getParentElement() == process) {
                    todo.add(s.getId());
                } else if (s.getParentElement() instanceof SubProcess sub) {
                    next.computeIfAbsent(sub.getId(), k -> new ArrayList<>()).add(0, s.getId());
                }
            }
        }
        Map<String, UserTask> userTasks = new HashMap<>();
        elements.stream().filter(UserTask.class::isInstance).forEach(e -> userTasks.put(e.getId(), (UserTask) e));
        Set<String> seen = new LinkedHashSet<>(todo);
        List<UserTask> ordered = new ArrayList<>();
        while (!todo.isEmpty()) {
            String id = todo.poll();
            if (userTasks.containsKey(id)) {
                ordered.add(userTasks.get(id));
            }
            for (String n : next.getOrDefault(id, List.of())) {
                if (seen.add(n)) {
                    todo.add(n);
                }
            }
        }
        elements.stream()
                .filter(UserTask.class::isInstance)
                .map(UserTask.class::cast)
                .filter(t -> !ordered.contains(t))
                .forEach(ordered::add);
        // the drafter's revision is the way back, not a step on the way forward: it comes last
        List<UserTask> forward = new ArrayList<>();
        List<UserTask> back = new ArrayList<>();
        for (UserTask t : ordered) {
            (TaskKinds.of(t).orElse(null) == DocumentIssuanceProcess.Kind.REVISE ? back : forward).add(t);
        }
        forward.addAll(back);
        return forward.stream().filter(Objects::nonNull).toList();
    }
}
