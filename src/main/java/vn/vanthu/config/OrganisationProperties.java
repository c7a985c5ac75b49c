package vn.vanthu.config;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The issuing committee and its document types, as configured in application.yaml. */
@ConfigurationProperties("vanthu")
public record OrganisationProperties(Organisation organisation, Map<String, DocumentTypeSettings> documentTypes) {

    /** Dates and times of Party documents are Vietnam time. */
    public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    public record Organisation(
            String superiorBody,
            String name,
            String abbreviation,
            String place,
            LocalDate termStart,
            String collectiveSigner) {}

    public enum NumberingScope {
        TERM,
        YEAR
    }

    public record DocumentTypeSettings(String name, NumberingScope scope) {}

    public DocumentTypeSettings type(String code) {
        DocumentTypeSettings settings = documentTypes.get(code);
        if (settings == null) {
            throw new IllegalArgumentException("unknown document type " + code);
        }
        return settings;
    }

    public boolean knowsType(String code) {
        return code != null && documentTypes.containsKey(code);
    }
}
