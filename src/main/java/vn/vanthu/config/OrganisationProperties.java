package vn.vanthu.config;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The issuing committee and its document types, as configured in application.yaml. A type is one
 * block under {@code vanthu.document-types} (its code is the key); code asks the type's settings
 * ({@link #hasMeeting}, {@link #label}, {@link #route}) instead of naming codes.
 */
@ConfigurationProperties("vanthu")
public record OrganisationProperties(Organisation organisation, Map<String, DocumentTypeSettings> documentTypes) {

    /** Dates and times of Party documents are Vietnam time. */
    public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    /** The Camunda process key of a type without its own route: workflow's DocumentIssuanceProcess.KEY. */
    public static final String DEFAULT_ROUTE = "documentIssuance";

    public OrganisationProperties {
        // in the order configured: the first type is the one a form opens with
        documentTypes =
                documentTypes == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(documentTypes));
    }

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

    /**
     * @param name    as printed on the document, e.g. "GIẤY MỜI"
     * @param scope   whether numbers restart each year or each nhiệm kỳ
     * @param label   how people read the type on pages and in emails, e.g. "Giấy mời"; empty: the name
     * @param meeting whether a draft of this type has a meeting (time, place, chair, invitees' answers,
     *                calendar); absent: no
     * @param route   the Camunda process key its drafts go through; empty: {@link #DEFAULT_ROUTE}
     */
    public record DocumentTypeSettings(String name, NumberingScope scope, String label, Boolean meeting, String route) {

        public String shownAs() {
            return label == null || label.isBlank() ? name : label.strip();
        }

        public boolean hasMeeting() {
            return Boolean.TRUE.equals(meeting);
        }

        public String routeKey() {
            return route == null || route.isBlank() ? DEFAULT_ROUTE : route.strip();
        }
    }

    public DocumentTypeSettings type(String code) {
        DocumentTypeSettings settings = code == null ? null : documentTypes.get(code);
        if (settings == null) {
            throw new IllegalArgumentException("unknown document type " + code);
        }
        return settings;
    }

    public boolean knowsType(String code) {
        return code != null && documentTypes.containsKey(code);
    }

    /** The configured codes, in the configured order. */
    public List<String> typeCodes() {
        return List.copyOf(documentTypes.keySet());
    }

    /** The type a form or a list opens with when none is asked for: the first one configured. */
    public String defaultType() {
        return documentTypes.keySet().stream()
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no vanthu.document-types configured"));
    }

    /** Whether drafts of this type carry a meeting; false for an unknown type. */
    public boolean hasMeeting(String code) {
        return knowsType(code) && type(code).hasMeeting();
    }

    /** How people read the type ("Giấy mời"); an unknown code as it is. */
    public String label(String code) {
        return knowsType(code) ? type(code).shownAs() : code;
    }

    /** The Camunda process key of this type's route (a route bound in the database overrides it). */
    public String route(String code) {
        return type(code).routeKey();
    }

    /** "Giấy mời (GM), Kết luận (KL)": what the messages refusing an unknown type list. */
    public String typeList() {
        return String.join(
                ", ",
                documentTypes.entrySet().stream()
                        .map(e -> e.getValue().shownAs() + " (" + e.getKey() + ")")
                        .toList());
    }
}
