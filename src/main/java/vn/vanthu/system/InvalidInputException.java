package vn.vanthu.system;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Bad input, with one message per field (JSON path such as "recipients[1].email"): 400. */
public class InvalidInputException extends RuntimeException {

    private final Map<String, String> fieldErrors;

    public InvalidInputException(Map<String, String> fieldErrors) {
        super("Dữ liệu không hợp lệ: " + String.join("; ", fieldErrors.values()));
        this.fieldErrors = Collections.unmodifiableMap(new LinkedHashMap<>(fieldErrors));
    }

    public static InvalidInputException of(String field, String message) {
        return new InvalidInputException(Map.of(field, message));
    }

    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }
}
