package vn.vanthu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each table belongs to one module, and only that module's SQL names it: another module asks the
 * owner's API (or an interface it declares and the owner implements), so a table can change with
 * its module alone. The migrations are shared (one Flyway history), so the owners are written
 * here; a new table fails {@link #everyTableHasAnOwner} until it is given one.
 */
class TableOwnershipTest {

    private static final Path SOURCES = Path.of("src/main/java/vn/vanthu");
    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");

    /** Table → the module whose SQL alone names it. */
    static final Map<String, String> OWNERS = Map.ofEntries(
            Map.entry("address_entry", "directory"),
            Map.entry("recipient_group", "directory"),
            Map.entry("recipient_group_member", "directory"),
            Map.entry("signer_position", "directory"),
            Map.entry("password_change_required", "directory"),
            Map.entry("spring_session", "security"),
            Map.entry("spring_session_attributes", "security"),
            Map.entry("security_event", "security"),
            Map.entry("document", "document"),
            Map.entry("document_version", "document"),
            Map.entry("version_recipient", "document"),
            Map.entry("document_event", "document"),
            Map.entry("issued_file", "document"),
            Map.entry("attachment", "document"),
            Map.entry("number_counter", "numbering"),
            Map.entry("outgoing_register", "numbering"),
            Map.entry("delivery", "distribution"),
            Map.entry("recipient_token", "distribution"),
            Map.entry("calendar_reply", "distribution"),
            Map.entry("calendar_feed", "distribution"),
            Map.entry("signed_draft", "issuing"),
            Map.entry("remote_sign_request", "issuing"),
            Map.entry("client_sign_request", "issuing"),
            Map.entry("signer_certificate", "signing"),
            Map.entry("work_item", "workflow"),
            Map.entry("route_binding", "workflow"),
            Map.entry("absence", "absence"),
            Map.entry("staff_notification", "notification"),
            Map.entry("installation_secret", "operations"));

    private static final Pattern CREATE =
            Pattern.compile("(?i)\\bcreate\\s+table\\s+(?:if\\s+not\\s+exists\\s+)?(\\w+)");
    /** A Java string literal or text block. */
    private static final Pattern LITERAL =
            Pattern.compile("\"\"\"(.*?)\"\"\"|\"((?:[^\"\\\\\\n]|\\\\.)*)\"", Pattern.DOTALL);
    /** A table where SQL names one: after from, join, into, update, and the comma list that may follow. */
    private static final Pattern TABLE = Pattern.compile(
            "(?i)\\b(?:from|join|into|update|table)\\s+(\\w+)((?:\\s+(?!(?:where|on|set|values|join|left|right|inner|outer|cross|full|natural|group|order|limit|offset|fetch|for|union|having|using)\\b)\\w+)?(?:\\s*,\\s*\\w+(?:\\s+\\w+)?)*)");

    private static final Pattern MORE = Pattern.compile(",\\s*(\\w+)");

    @Test
    void everyTableHasAnOwner() throws IOException {
        Set<String> created = new TreeSet<>();
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".sql")).toList()) {
                Matcher m = CREATE.matcher(Files.readString(file));
                while (m.find()) {
                    created.add(m.group(1).toLowerCase(Locale.ROOT));
                }
            }
        }
        assertThat(created).as("tables the migrations create").isNotEmpty();
        assertThat(OWNERS.keySet())
                .as("owners written here for the migrations' tables")
                .containsAll(created);
        assertThat(created).as("owners of tables no migration creates").containsAll(OWNERS.keySet());
    }

    @Test
    void noModuleNamesAnotherModulesTable() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path relative = SOURCES.relativize(file);
                if (relative.getNameCount() < 2) {
                    continue;
                }
                String module = relative.getName(0).toString();
                for (String table : foreignTables(module, Files.readString(file))) {
                    found.add(relative + ": " + table + " (" + OWNERS.get(table) + ")");
                }
            }
        }
        assertThat(found)
                .as("SQL naming another module's table: ask its owner's API instead")
                .isEmpty();
    }

    @Test
    void theReaderFindsTablesWhereverSqlNamesThem() {
        String source = """
                String a = "select count(*) from delivery d where d.state = ?";
                String b = \"""
                        select d.id, v.title
                        from document join document_version v on v.document_id = document.id
                        where exists (select 1 from work_item w where w.document_id = d.id)\""";
                String c = "insert into outgoing_register (number) values (?)";
                String d = "update signed_draft set x = 1";
                String e = "select 1 from absence a, staff_notification n";
                String f = "Chọn văn bản từ danh sách"; // words, not SQL
                """;
        assertThat(foreignTables("config", source))
                .containsExactlyInAnyOrder(
                        "delivery",
                        "document",
                        "document_version",
                        "work_item",
                        "outgoing_register",
                        "signed_draft",
                        "absence",
                        "staff_notification");
        assertThat(foreignTables("document", "select * from document d join document_version v on true"))
                .isEmpty();
    }

    /** The tables of other modules that the SQL in this source names. */
    static Set<String> foreignTables(String module, String source) {
        Set<String> foreign = new TreeSet<>();
        Matcher literal = LITERAL.matcher(source);
        while (literal.find()) {
            String text = literal.group(1) != null ? literal.group(1) : literal.group(2);
            Matcher table = TABLE.matcher(text);
            while (table.find()) {
                List<String> names = new ArrayList<>(List.of(table.group(1)));
                Matcher more = MORE.matcher(table.group(2) == null ? "" : table.group(2));
                while (more.find()) {
                    names.add(more.group(1));
                }
                for (String name : names) {
                    String owner = OWNERS.get(name.toLowerCase(Locale.ROOT));
                    if (owner != null && !owner.equals(module)) {
                        foreign.add(name.toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        return foreign;
    }
}
