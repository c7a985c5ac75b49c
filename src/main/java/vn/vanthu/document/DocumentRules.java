package vn.vanthu.document;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How documents are printed and published, as the office configures it (vanthu.rules in
 * application.yaml; docs/document-rules.md says which rule each setting follows).
 *
 * @param issuingBodyLines where the issuing body's name breaks (36-HD: a long name on two lines,
 *                         never a lone word such as "TỈNH"); empty: one line, wrapped by width
 * @param types            per document type: published by default, the line under the type name
 * @param authority        the authority lines above a signature (36-HD §1.7) when nothing more
 *                         specific is configured; "{position}" stands for the signer's position
 * @param signers          per signer (user id), per type (or "ALL"), the authority lines. A signer
 *                         listed here may sign only the types listed for them (or ALL).
 */
@ConfigurationProperties("vanthu.rules")
public record DocumentRules(
        List<String> issuingBodyLines,
        Map<String, TypeRules> types,
        List<String> authority,
        Map<String, Map<String, List<String>>> signers) {

    public static final String POSITION = "{position}";
    public static final String ALL_TYPES = "ALL";
    private static final Locale VIETNAMESE = Locale.forLanguageTag("vi");

    /**
     * @param publish   whether an issued document of this type goes to the public board unless its
     *                  draft says otherwise
     * @param titleLine printed in bold capitals under the type name, e.g. "CỦA BAN THƯỜNG VỤ ĐẢNG ỦY KHỐI"
     * @param endMark   closes the body's last paragraph, e.g. "./." for a Kết luận; none when blank
     */
    public record TypeRules(Boolean publish, String titleLine, String endMark) {}

    public DocumentRules {
        issuingBodyLines = issuingBodyLines == null ? List.of() : List.copyOf(issuingBodyLines);
        types = types == null ? Map.of() : Map.copyOf(types);
        authority = authority == null || authority.isEmpty()
                ? List.of("T/M BAN THƯỜNG VỤ", POSITION)
                : List.copyOf(authority);
        signers = signers == null ? Map.of() : Map.copyOf(signers);
    }

    public boolean publishByDefault(String type) {
        TypeRules rules = types.get(type);
        return rules == null || rules.publish() == null || rules.publish();
    }

    public String titleLine(String type) {
        TypeRules rules = types.get(type);
        return rules == null || rules.titleLine() == null || rules.titleLine().isBlank()
                ? null
                : rules.titleLine().strip();
    }

    /** What ends the body of a document of this type ("./."); null: nothing added. */
    public String endMark(String type) {
        TypeRules rules = types.get(type);
        return rules == null || rules.endMark() == null || rules.endMark().isBlank()
                ? null
                : rules.endMark().strip();
    }

    /**
     * A name broken where the issuing body breaks, for the other places that print it (the register's
     * cover, the caption under the seal): the configured lines when they spell this name, else the
     * name on one line (wrapped by width where it is printed).
     */
    public String breakLikeIssuingBody(String name) {
        if (name == null || issuingBodyLines.isEmpty()) {
            return name;
        }
        String joined =
                String.join(" ", issuingBodyLines).replaceAll("\\s+", " ").strip();
        return joined.equalsIgnoreCase(name.replaceAll("\\s+", " ").strip())
                ? String.join("\n", issuingBodyLines)
                : name;
    }

    /** The issuing body as printed: the configured lines joined by line breaks, else the name. */
    public String issuingBody(String name) {
        return issuingBodyLines.isEmpty() ? name : String.join("\n", issuingBodyLines);
    }

    /**
     * The authority lines printed above this signer's signature on a document of this type, the
     * position in capitals; empty when the configuration lists this signer for other types only.
     */
    public Optional<List<String>> authorityLines(String signer, String type, String position) {
        Map<String, List<String>> own = signers.get(signer);
        List<String> lines;
        if (own == null || own.isEmpty()) {
            lines = authority;
        } else if (own.containsKey(type)) {
            lines = own.get(type);
        } else if (own.containsKey(ALL_TYPES)) {
            lines = own.get(ALL_TYPES);
        } else {
            return Optional.empty();
        }
        String printed = position == null ? "" : position.strip().toUpperCase(VIETNAMESE);
        return Optional.of(lines.stream()
                .map(l -> l.replace(POSITION, printed).strip())
                .filter(l -> !l.isEmpty())
                .toList());
    }
}
