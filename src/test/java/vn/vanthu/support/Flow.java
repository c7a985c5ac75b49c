package vn.vanthu.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import vn.vanthu.workflow.DocumentIssuanceProcess.Decision;
import vn.vanthu.workflow.DocumentIssuanceProcess.Kind;

/** Takes a document through the process over the REST API, as the demo users would. */
public final class Flow {

    /** The demo signers' signing PIN (DESIGN §2: the embedded default protects each demo key with "demo"). */
    public static final String DEMO_PIN = "demo";

    private final IntegrationTest test;

    public Flow(IntegrationTest test) {
        this.test = test;
    }

    public long create(Map<String, Object> draft) {
        Api.Response created = test.as("chuyenvien").post("/api/documents", draft);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    public JsonNode submit(long id) {
        Api.Response submitted = test.as("chuyenvien").post("/api/documents/" + id + "/submit", Map.of());
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(200);
        return submitted.json();
    }

    /** The id of the user's open task of this kind for the document. */
    public String taskOf(String user, long documentId, Kind task) {
        Api.Response tasks = test.as(user).get("/api/tasks");
        assertThat(tasks.status()).isEqualTo(200);
        for (JsonNode open : tasks.json()) {
            if (open.get("documentId").asLong() == documentId
                    && open.get("kind").asText().equals(task.wire())) {
                return open.get("id").asText();
            }
        }
        throw new AssertionError(
                user + " has no " + task.wire() + " task for document " + documentId + ": " + tasks.text());
    }

    /** Completes a task over the API; "sign" goes with the demo signers' PIN. */
    public Api.Response decide(String user, String taskId, Decision decision, String comment) {
        return decide(user, taskId, decision, comment, decision == Decision.SIGN ? DEMO_PIN : null);
    }

    public Api.Response decide(String user, String taskId, Decision decision, String comment, String pin) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("decision", decision.wire());
        if (comment != null) {
            body.put("comment", comment);
        }
        if (pin != null) {
            body.put("pin", pin);
        }
        return test.as(user).post("/api/tasks/" + taskId + "/complete", body);
    }

    public JsonNode decideOk(String user, long documentId, Kind task, Decision decision, String comment) {
        Api.Response response = decide(user, taskOf(user, documentId, task), decision, comment);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    /** create → submit → approve → sign; returns the issued document's JSON. */
    public JsonNode issue(Map<String, Object> draft) {
        long id = create(draft);
        submit(id);
        decideOk("chanhvanphong", id, Kind.REVIEW, Decision.APPROVE, null);
        JsonNode signed = decideOk((String) draft.get("signer"), id, Kind.SIGN, Decision.SIGN, null);
        assertThat(signed.get("status").asText()).isEqualTo("ISSUED");
        return signed;
    }

    public JsonNode document(long id) {
        Api.Response response = test.as("vanthu").get("/api/documents/" + id);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }
}
