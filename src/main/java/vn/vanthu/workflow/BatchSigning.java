package vn.vanthu.workflow;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import vn.vanthu.directory.Groups;
import vn.vanthu.issuing.LeaderSignature;
import vn.vanthu.security.Caller;
import vn.vanthu.signing.SigningIdentity;
import vn.vanthu.system.ConflictException;
import vn.vanthu.system.ForbiddenException;
import vn.vanthu.system.InvalidInputException;
import vn.vanthu.system.NotFoundException;

/**
 * POST /api/tasks/sign-batch: a leader whose key the server holds signs several documents with one
 * PIN. The PIN opens the key once (a wrong one counts once, and refuses every item alike); each
 * document then gets its own PAdES signature and its own transaction, so one refusal (a task that
 * is not the caller's, already done) stops nothing else.
 */
@Service
public class BatchSigning {

    private static final Logger log = LoggerFactory.getLogger(BatchSigning.class);

    /** At most this many tasks in one call: each is a rendering and a signature, seconds of CPU. */
    static final int MAX_TASKS = 50;

    /**
     * One task's result; {@code documentId} only for the caller's own documents. Serializable: the task
     * list shows the results after a redirect, through the session (in the database).
     */
    public record Item(String taskId, Long documentId, Status status, String message) implements java.io.Serializable {

        public boolean signed() {
            return status == Status.SIGNED;
        }
    }

    public enum Status {
        SIGNED,
        FAILED
    }

    private final DocumentWorkflow workflow;
    private final LeaderSignature leaderSignature;

    BatchSigning(DocumentWorkflow workflow, LeaderSignature leaderSignature) {
        this.workflow = workflow;
        this.leaderSignature = leaderSignature;
    }

    public List<Item> sign(List<String> taskIds, String pin, Caller caller) {
        if (!caller.isIn(Groups.SIGNERS)) {
            throw new ForbiddenException("Chỉ lãnh đạo ký mới ký được văn bản.");
        }
        if (taskIds == null || taskIds.isEmpty()) {
            throw InvalidInputException.of("taskIds", "Cần danh sách công việc cần ký (taskIds).");
        }
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        for (String id : taskIds) {
            if (id == null || id.isBlank()) {
                throw InvalidInputException.of("taskIds", "Mã công việc không được để trống.");
            }
            ids.add(id.strip());
        }
        if (ids.size() > MAX_TASKS) {
            throw InvalidInputException.of("taskIds", "Ký tối đa " + MAX_TASKS + " văn bản một lần.");
        }
        SigningIdentity key;
        try {
            key = leaderSignature.open(caller.userId(), pin);
        } catch (InvalidInputException e) {
            return failedAll(ids, e.fieldErrors().getOrDefault("pin", e.getMessage()), caller);
        } catch (ConflictException e) {
            return failedAll(ids, e.getMessage(), caller);
        }
        List<Item> results = new ArrayList<>();
        for (String taskId : ids) {
            try {
                Long documentId = workflow.signWith(taskId, key, caller);
                results.add(new Item(taskId, documentId, Status.SIGNED, null));
            } catch (InvalidInputException e) {
                results.add(
                        failed(taskId, caller, String.join("; ", e.fieldErrors().values())));
            } catch (ConflictException | ForbiddenException | NotFoundException e) {
                results.add(failed(taskId, caller, e.getMessage()));
            } catch (RuntimeException e) {
                // the others go on; this one is left open, as with a single signature that failed
                log.warn("Bulk signing: task {} of {} failed", taskId, caller.userId(), e);
                results.add(failed(taskId, caller, "Không ký được do lỗi hệ thống; hãy thử lại văn bản này."));
            }
        }
        return results;
    }

    private List<Item> failedAll(LinkedHashSet<String> ids, String message, Caller caller) {
        return ids.stream().map(id -> failed(id, caller, message)).toList();
    }

    private Item failed(String taskId, Caller caller, String message) {
        Long documentId;
        try {
            documentId = workflow.signersDocumentOfTask(taskId, caller).orElse(null);
        } catch (RuntimeException e) {
            documentId = null;
        }
        return new Item(taskId, documentId, Status.FAILED, message);
    }
}
