package vn.vanthu.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** The body of the agent's POST /sign, checked before the PIN is asked. */
record SignRequest(String certificateId, String signatureAlgorithm, List<Item> items) {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Item(String id, byte[] data) {}

    static SignRequest parse(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(new String(body, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException("Nội dung yêu cầu không phải JSON.");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("Nội dung yêu cầu phải là một đối tượng JSON.");
        }
        JsonNode id = root.get("certificateId");
        if (id == null || !id.isTextual() || id.asText().isEmpty()) {
            throw new IllegalArgumentException("Thiếu certificateId.");
        }
        JsonNode algorithm = root.get("signatureAlgorithm");
        if (algorithm == null || !SigningAgent.ALGORITHMS.contains(algorithm.asText())) {
            throw new IllegalArgumentException("signatureAlgorithm phải là SHA256withECDSA hoặc SHA256withRSA.");
        }
        JsonNode items = root.get("items");
        if (items == null || !items.isArray() || items.isEmpty() || items.size() > SigningAgent.MAX_ITEMS) {
            throw new IllegalArgumentException("items phải có từ 1 đến " + SigningAgent.MAX_ITEMS + " văn bản.");
        }
        List<Item> list = new ArrayList<>();
        for (JsonNode item : items) {
            JsonNode itemId = item.get("id");
            JsonNode data = item.get("dataToSign");
            if (itemId == null || !itemId.isTextual() || data == null || !data.isTextual()) {
                throw new IllegalArgumentException("Mỗi mục cần id và dataToSign (base64).");
            }
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(data.asText());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("dataToSign của mục " + itemId.asText() + " không phải base64.");
            }
            if (bytes.length == 0) {
                throw new IllegalArgumentException("dataToSign của mục " + itemId.asText() + " trống.");
            }
            list.add(new Item(itemId.asText(), bytes));
        }
        return new SignRequest(id.asText(), algorithm.asText(), List.copyOf(list));
    }
}
