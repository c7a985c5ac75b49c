package vn.vanthu.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import vn.vanthu.support.Api;
import vn.vanthu.support.AppNode;
import vn.vanthu.support.BesideTheOthers;
import vn.vanthu.support.Drafts;
import vn.vanthu.support.Flow;
import vn.vanthu.support.IntegrationTest;
import vn.vanthu.workflow.DocumentIssuanceProcess.Decision;
import vn.vanthu.workflow.DocumentIssuanceProcess.Kind;

/**
 * Backups that come back (issue 16, item 4), on the embedded default: an administrator's online
 * backup (POST /api/admin/backup: H2's BACKUP TO plus the shared folder) is unpacked into a fresh
 * data folder, the app is started on it in a JVM of its own, and it serves every issued document
 * with a PDF that verifies as valid, and numbers on from the last number without a gap.
 * (PostgreSQL's pg_dump is restored the same way in ClusterTest.) It runs beside the tests in line
 * (junit-platform.properties), its restored node at a lower CPU priority: the backup is online, and
 * what it checks is the backup's own documents.
 */
@BesideTheOthers
@Order(BesideTheOthers.RESTORED_BACKUP_THIRD)
class H2BackupRestoreTest extends IntegrationTest {

    final Flow flow = new Flow(this);

    @Test
    void onlyAdministratorsBackUp() {
        assertThat(as("vanthu").post("/api/admin/backup", Map.of()).status()).isEqualTo(403);
        assertThat(as("bithu").post("/api/admin/backup", Map.of()).status()).isEqualTo(403);
        assertThat(anonymous().post("/api/admin/backup", Map.of()).status()).isEqualTo(401);
    }

    @Test
    void aBackupIsTheServiceAccountsOnlyAndRestoredIntoAFreshFolderServesEveryIssuedDocumentAndNumbersOn()
            throws Exception {
        JsonNode issued = flow.issue(Drafts.invitation("Trước khi sao lưu", Drafts.uniqueDomain(), 2));
        // beside the other tests the backup may come before they issue anything: a conclusion of its own,
        // so that both books are restored and a signature of each is checked
        flow.issue(Drafts.conclusion("Kết luận trước khi sao lưu", Drafts.uniqueDomain(), 1));
        int year = OffsetDateTime.parse(issued.get("issuedAt").asText()).getYear();
        List<String> before =
                numbers(as("vanthu").get("/api/register?type=GM&year=" + year).ok());
        List<String> conclusionsBefore =
                numbers(as("vanthu").get("/api/register?type=KL").ok());

        Instant begin = Instant.now();
        JsonNode backup = as("admin").post("/api/admin/backup", Map.of()).ok();
        long backupMs = Duration.between(begin, Instant.now()).toMillis();
        Path zip = Path.of(backup.get("file").asText());
        assertThat(zip).exists();
        assertThat(zip.getFileName().toString()).matches("vanthu-\\d{8}-\\d{6}-\\d{3}\\.zip");
        // one backup for both checks: a backup of the suite's database takes seconds
        if (java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(zip)))
                    .isEqualTo("rw-------");
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                            Files.getPosixFilePermissions(zip.getParent())))
                    .isEqualTo("rwx------");
        }
        Assumptions.assumeTrue(
                AppNode.classpath().isPresent(), "skipped: target/runtime-classpath.txt missing (run through Maven)");

        // the restore, as docs/operations.md tells it: db/ into a new data folder, shared/ into a new shared folder
        Path fresh = Path.of("target", "restore", UUID.randomUUID().toString()).toAbsolutePath();
        Path dataDir = fresh.resolve("data");
        Path sharedDir = fresh.resolve("shared");
        unzip(zip, fresh, Map.of("db/", dataDir.resolve("db"), "shared/", sharedDir));
        assertThat(dataDir.resolve("db/vanthu.mv.db")).exists();
        assertThat(sharedDir.resolve("keys/demo-keys.p12")).exists();

        begin = Instant.now();
        try (AppNode restored = AppNode.startBeside(
                "h2-restored",
                Map.of(
                        "vanthu.data-dir", dataDir.toString(),
                        "vanthu.shared-dir", sharedDir.toString(),
                        "vanthu.mail.embedded.smtp-port", "0",
                        "vanthu.mail.embedded.imap-port", "0",
                        // at the lower priority a signature check may take longer than the 20 s default
                        "vanthu.verification.time-budget", "PT90S",
                        "logging.level.root", "WARN"))) {
            restored.awaitReady(Duration.ofMinutes(3));
            long startMs = Duration.between(begin, Instant.now()).toMillis();

            JsonNode register = restored.as("vanthu")
                    .get("/api/register?type=GM&year=" + year)
                    .ok();
            JsonNode conclusions =
                    restored.as("vanthu").get("/api/register?type=KL").ok();
            assertThat(numbers(register)).containsAll(before);
            assertThat(numbers(conclusions)).containsAll(conclusionsBefore);
            List<JsonNode> entries = new ArrayList<>();
            register.forEach(entries::add);
            conclusions.forEach(entries::add);

            // every document the same bytes as before the backup; the signatures of the first and last
            // invitation and of a conclusion checked on the restored node (its trust comes from shared/)
            assertThat(register).isNotEmpty();
            assertThat(conclusions).isNotEmpty();
            List<JsonNode> checked = new ArrayList<>();
            checked.add(register.get(0));
            checked.add(register.get(register.size() - 1));
            checked.add(conclusions.get(conclusions.size() - 1));
            ExecutorService pool = Executors.newFixedThreadPool(3);
            try {
                List<Future<String>> checks = new ArrayList<>();
                for (JsonNode entry : entries) {
                    checks.add(pool.submit(() -> sameBytes(restored, entry)));
                }
                for (JsonNode entry : checked) {
                    checks.add(pool.submit(() -> verify(restored, entry)));
                }
                for (Future<String> check : checks) {
                    assertThat(check.get()).isEmpty();
                }
            } finally {
                pool.shutdownNow();
            }

            int last = register.get(register.size() - 1).get("seq").asInt();
            long id = restored.as("chuyenvien")
                    .post("/api/documents", Drafts.invitation("Sau khi khôi phục", Drafts.uniqueDomain(), 1))
                    .ok()
                    .get("id")
                    .asLong();
            restored.as("chuyenvien")
                    .post("/api/documents/" + id + "/submit", Map.of())
                    .ok();
            complete(restored, "chanhvanphong", id, Kind.REVIEW, Decision.APPROVE);
            JsonNode signed = complete(restored, "bithu", id, Kind.SIGN, Decision.SIGN);
            assertThat(signed.get("status").asText()).isEqualTo("ISSUED");
            assertThat(OffsetDateTime.parse(signed.get("issuedAt").asText()).getYear())
                    .isEqualTo(year);
            String number = signed.get("number").asText();
            assertThat(Integer.parseInt(number.substring(0, number.indexOf('-'))))
                    .as(number)
                    .isEqualTo(last + 1);
            System.out.println("BACKUP: H2 online backup " + backup.get("bytes").asLong() + " bytes in " + backupMs
                    + " ms; restored node ready in " + startMs + " ms; " + entries.size()
                    + " issued documents served as issued, " + checked.size() + " checked valid; next number "
                    + signed.get("number").asText());
        }
    }

    private String sameBytes(AppNode node, JsonNode entry) {
        String path = "/api/documents/" + entry.get("documentId").asLong() + "/pdf";
        Api.Response restored = node.as("vanthu").get(path);
        Api.Response original = as("vanthu").get(path);
        if (restored.status() != 200 || !java.util.Arrays.equals(restored.body(), original.body())) {
            return entry.get("number").asText() + ": PDF " + restored.status() + ", not the bytes issued";
        }
        return "";
    }

    private static String verify(AppNode node, JsonNode entry) {
        Api.Response pdf = node.as("vanthu")
                .get("/api/documents/" + entry.get("documentId").asLong() + "/pdf");
        if (pdf.status() != 200) {
            return entry.get("number").asText() + ": PDF " + pdf.status();
        }
        JsonNode check = node.anonymous()
                .postRaw("/api/public/verify", "application/octet-stream", pdf.body())
                .json();
        if (!check.path("valid").asBoolean()
                || !entry.get("number")
                        .asText()
                        .equals(check.path("document").path("number").asText())) {
            return entry.get("number").asText() + ": " + check;
        }
        return "";
    }

    private static JsonNode complete(AppNode node, String user, long id, Kind task, Decision decision) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("decision", decision.wire());
        if (decision == Decision.SIGN) {
            body.put("pin", Flow.DEMO_PIN);
        }
        for (JsonNode open : node.as(user).get("/api/tasks").ok()) {
            if (open.get("documentId").asLong() == id
                    && open.get("kind").asText().equals(task.wire())) {
                return node.as(user)
                        .post("/api/tasks/" + open.get("id").asText() + "/complete", body)
                        .ok();
            }
        }
        throw new AssertionError(user + " has no " + task.wire() + " task for " + id);
    }

    private static List<String> numbers(JsonNode register) {
        List<String> numbers = new ArrayList<>();
        register.forEach(e -> numbers.add(e.get("number").asText()));
        return numbers;
    }

    private static void unzip(Path zip, Path root, Map<String, Path> targets) throws IOException {
        try (InputStream in = Files.newInputStream(zip);
                ZipInputStream entries = new ZipInputStream(in)) {
            for (ZipEntry e = entries.getNextEntry(); e != null; e = entries.getNextEntry()) {
                String name = e.getName();
                String prefix = targets.keySet().stream()
                        .filter(name::startsWith)
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("unexpected entry " + name));
                Path target = targets.get(prefix)
                        .resolve(name.substring(prefix.length()))
                        .normalize();
                assertThat(target.startsWith(root)).as(name).isTrue();
                Files.createDirectories(target.getParent());
                Files.copy(entries, target);
            }
        }
    }
}
