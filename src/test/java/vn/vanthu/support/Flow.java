package vn.vanthu.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** Takes a document through the process over the REST API, as the demo users would. */
public final class Flow {

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
    public String taskOf(String user, long documentId, String key) {
        Api.Response tasks = test.as(user).get("/api/tasks");
        assertThat(tasks.status()).isEqualTo(200);
        for (JsonNode task : tasks.json()) {
            if (task.get("documentId").asLong() == documentId && task.get("key").asText().equals(key)) {
                return task.get("id").asText();
            }
        }
        throw new AssertionError(user + " has no " + key + " task for document " + documentId + ": " + tasks.text());
    }

    /** With "sign", the demo signers' PIN. */
    public Api.Response decide(String user, String taskId, String decision, String comment) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("decision", decision));
        if (comment != null) {
            body.put("comment", comment);
        }
        if ("sign".equals(decision)) {
            body.put("pin", "demo");
        }
        return test.as(user).post("/api/tasks/" + taskId + "/complete", body);
    }

    public JsonNode decideOk(String user, long documentId, String key, String decision, String comment) {
        Api.Response response = decide(user, taskOf(user, documentId, key), decision, comment);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    /** create → submit → approve → sign; returns the issued document's JSON. */
    public JsonNode issue(Map<String, Object> draft) {
        long id = create(draft);
        submit(id);
        decideOk("chanhvanphong", id, "review", "approve", null);
        JsonNode signed = decideOk((String) draft.get("signer"), id, "sign", "sign", null);
        assertThat(signed.get("status").asText()).isEqualTo("ISSUED");
        return signed;
    }

    public JsonNode document(long id) {
        Api.Response response = test.as("vanthu").get("/api/documents/" + id);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }
}
