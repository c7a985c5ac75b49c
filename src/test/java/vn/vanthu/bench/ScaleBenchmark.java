package vn.vanthu.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import vn.vanthu.VanThuApplication;
import vn.vanthu.config.OrganisationProperties;
import vn.vanthu.directory.Groups;
import vn.vanthu.document.SearchText;
import vn.vanthu.support.Api;
import vn.vanthu.workflow.DocumentIssuanceProcess;

/**
 * The lists, the search, the register and the attendance page at an office's scale (docs/benchmarks.md,
 * "Scale"): 100,000 issued documents over ten years and 1,000,000 deliveries (10,000 / 100,000 with
 * {@code -Dbench.quick=true}), seeded by JDBC batches, then each page and API called over HTTP as the
 * demo users, 20 warm-up + 100 timed calls. Prints {@code BENCH scale.<name>.p50-ms / p95-ms}. Part of
 * the full benchmark only (its seeding takes minutes): the quick one skips it unless
 * {@code -Dbench.scale=true}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScaleBenchmark {

    static final boolean QUICK = Boolean.getBoolean("bench.quick");
    static final int DOCUMENTS = Integer.getInteger("bench.scale.documents", QUICK ? 10_000 : 100_000);
    static final int DELIVERIES_PER_DOCUMENT = 10;
    /** The invitation whose attendance page is timed: a large meeting. */
    static final int BIG_MEETING = 1_000;

    static final int OPEN_TASKS = 1_000;
    static final int WARMUP = Integer.getInteger("bench.scale.warmup", 20);
    static final int RUNS = Integer.getInteger("bench.scale.runs", 100);
    static final long FIRST_ID = 60_000_000L;
    static final String[] TYPES = {"GM", "GM", "GM", "KL", "TB"};

    ConfigurableApplicationContext app;
    int port;
    String postgresUrl;
    long bigMeeting;

    static void bench(String name, Object value, String unit) {
        String text = value instanceof Double d ? String.format(Locale.ROOT, "%.2f", d) : String.valueOf(value);
        System.out.println("BENCH " + name + " " + text + " " + unit);
        System.out.flush();
    }

    @BeforeAll
    void start() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                !QUICK || Boolean.getBoolean("bench.scale"), "the scale benchmark is part of the full run");
        bench("scale.mode", QUICK ? "quick" : "full", "-");
        Path dataDir = Files.createTempDirectory("vanthu-scale-");
        List<String> args = new ArrayList<>(List.of(
                "--vanthu.data-dir=" + dataDir,
                "--server.port=0",
                "--vanthu.mail.embedded.smtp-port=0",
                "--vanthu.mail.embedded.imap-port=0",
                "--logging.level.vn.vanthu=WARN",
                "--spring.main.banner-mode=off"));
        String database = "H2";
        if (Boolean.getBoolean("bench.postgres")) {
            vn.vanthu.support.LocalPostgres postgres = vn.vanthu.support.LocalPostgres.shared()
                    .orElseThrow(() -> new IllegalStateException("bench.postgres: PostgreSQL is not installed"));
            postgresUrl = postgres.createDatabase(
                    "scale_" + UUID.randomUUID().toString().substring(0, 8));
            args.add("--spring.datasource.url=" + postgresUrl);
            args.add("--spring.datasource.username=vanthu");
            args.add("--spring.datasource.password=");
            database = "PostgreSQL-" + postgres.version();
        }
        bench("scale.database", database, "-");
        app = new SpringApplicationBuilder(VanThuApplication.class).run(args.toArray(String[]::new));
        port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void scale() throws Exception {
        long t0 = System.nanoTime();
        long deliveries;
        try (Connection c = seedingConnection()) {
            deliveries = seed(c);
            try (Statement s = c.createStatement()) {
                s.execute("analyze");
            }
        }
        bench("scale.seed.documents", DOCUMENTS, "issued documents (+ " + OPEN_TASKS + " in progress, 1 big meeting)");
        bench("scale.seed.deliveries", deliveries, "delivery rows");
        bench("scale.seed-ms", (System.nanoTime() - t0) / 1_000_000, "ms (JDBC batches, then analyze)");
        explain();

        String few = "chua chay"; // "phòng cháy chữa cháy": one document in 1,000, typed without diacritics
        String many = "Hội nghị"; // the invitations' titles: six documents in ten
        time("list.all.api", "bithu", "/api/documents");
        time("list.mine.api", "chuyenvien", "/api/documents?scope=mine");
        time("list.in-progress.api", "chanhvanphong", "/api/documents?scope=in-progress");
        time("list.issued.api", "vanthu", "/api/documents?scope=issued&page=50");
        time("list.all.page", "bithu", "/danh-sach/tra-cuu");
        time("list.mine.page", "chuyenvien", "/danh-sach/cua-toi");
        time("list.in-progress.page", "chanhvanphong", "/danh-sach/dang-xu-ly");
        time("list.issued.page", "vanthu", "/danh-sach/da-ban-hanh");
        time("search.many.api", "bithu", "/api/documents?q=" + enc(many));
        time("search.few.api", "bithu", "/api/documents?q=" + enc(few));
        time("search.many.page", "bithu", "/danh-sach/tra-cuu?q=" + enc(many));
        time("search.few.page", "bithu", "/danh-sach/tra-cuu?q=" + enc(few));
        time("search.type-year.page", "vanthu", "/danh-sach/tra-cuu?type=KL&from=01/01/2024&to=31/12/2024");
        time("register.api", "vanthu", "/api/register?type=GM&year=2025");
        time("register.page", "vanthu", "/so-van-ban-di?loai=GM&nam=2025");
        time("register.term.page", "vanthu", "/so-van-ban-di?loai=KL");
        time("attendance.api", "vanthu", "/api/documents/" + bigMeeting + "/attendance");
        time("attendance.page", "vanthu", "/van-ban/" + bigMeeting + "/tham-du");
        time("document.page", "vanthu", "/van-ban/" + (FIRST_ID + 3));
    }

    static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** 20 warm-up + {@link #RUNS} timed GETs, one after another, each a 200; prints p50 and p95. */
    void time(String name, String user, String path) {
        // -Dbench.scale.only=register,search: only the addresses whose names start so
        String only = System.getProperty("bench.scale.only", "");
        if (!only.isBlank() && java.util.Arrays.stream(only.split(",")).noneMatch(name::startsWith)) {
            return;
        }
        Api api = Api.at(port, user, "demo");
        int bytes = 0;
        for (int i = 0; i < WARMUP; i++) {
            bytes = check(path, api.get(path));
        }
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            long t = System.nanoTime();
            check(path, api.get(path));
            times.add(System.nanoTime() - t);
        }
        Collections.sort(times);
        bench("scale." + name + ".p50-ms", percentile(times, 50) / 1e6, "ms (" + user + ": GET " + path + ")");
        bench("scale." + name + ".p95-ms", percentile(times, 95) / 1e6, "ms (" + bytes + " bytes)");
    }

    static int check(String path, Api.Response response) {
        if (response.status() != 200) {
            throw new IllegalStateException("GET " + path + ": " + response.status() + " "
                    + response.text().substring(0, Math.min(500, response.text().length())));
        }
        return response.body().length;
    }

    static long percentile(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    /** On PostgreSQL a connection of its own that rewrites batches into multi-row inserts; on H2 the app's pool. */
    Connection seedingConnection() throws Exception {
        if (postgresUrl != null) {
            return DriverManager.getConnection(postgresUrl + "?reWriteBatchedInserts=true", "vanthu", "");
        }
        return app.getBean(DataSource.class).getConnection();
    }

    /** The plans of the timed queries, on this database (-Dbench.scale.explain=true, or =analyze: run, with times). */
    void explain() throws Exception {
        String explain = System.getProperty("bench.scale.explain", "false");
        if (!explain.equals("true") && !explain.equals("analyze")) {
            return;
        }
        Map<String, String> queries = new java.util.LinkedHashMap<>();
        String visible = " where (d.status in ('ISSUED','RECALLED') or d.drafter = 'bithu' or d.signer = 'bithu')";
        // as DocumentSearch counts: up to COUNT_LIMIT + 1 rows
        String capped = " fetch first " + (vn.vanthu.document.DocumentSearch.COUNT_LIMIT + 1) + " rows only) m";
        queries.put("list.count", "select count(*) from (select 1 as x from document d" + visible + capped);
        queries.put(
                "list.page",
                "select d.id, v.title from document d join document_version v on v.document_id = d.id"
                        + " and v.version_no = d.current_version" + visible
                        + " order by d.listed_at desc, d.id desc offset 0 rows fetch next 20 rows only");
        queries.put(
                "search.count",
                "select count(*) from (select 1 as x from document d" + visible
                        + " and d.search_text like '%chua%' escape '!' and d.search_text like '%chay%' escape '!'"
                        + capped);
        queries.put(
                "search.count.exact",
                "select count(*) from document d" + visible
                        + " and d.search_text like '%chua%' escape '!' and d.search_text like '%chay%' escape '!'");
        queries.put(
                "search.many.count",
                "select count(*) from (select 1 as x from document d" + visible
                        + " and d.search_text like '%hoi%' escape '!' and d.search_text like '%nghi%' escape '!'"
                        + capped);
        for (String w : List.of("chua chay", "hoi nghi")) {
            String[] ws = w.split(" ");
            queries.put(
                    "search.page " + w,
                    "select d.id, v.title from document d join document_version v on v.document_id = d.id"
                            + " and v.version_no = d.current_version" + visible
                            + " and d.search_text like '%" + ws[0] + "%' escape '!' and d.search_text like '%" + ws[1]
                            + "%' escape '!' order by d.listed_at desc, d.id desc offset 0 rows fetch next 20 rows only");
        }
        queries.put(
                "register.year",
                "select r.seq, (select count(*) from delivery x where x.document_id = r.document_id and x.kind = 'ISSUE'"
                        + " and x.confirmed_at is not null) from outgoing_register r where r.doc_type = 'GM'"
                        + " and r.issue_year = 2025 order by r.scope_key, r.seq");
        queries.put(
                "register.progress",
                "select document_id, min(sent_at) first_sent, sum(case when confirmed_at is not null then 1 else 0 end)"
                        + " confirmed, count(*) deliveries from delivery where kind = 'ISSUE' and document_id in ("
                        + FIRST_ID + ", " + (FIRST_ID + 5) + ", " + (FIRST_ID + 10) + ", " + bigMeeting
                        + ") group by document_id");
        queries.put(
                "attendance",
                "select * from delivery where document_id = " + bigMeeting + " and kind = 'ISSUE' order by position");
        try (Connection c = app.getBean(DataSource.class).getConnection();
                Statement s = c.createStatement()) {
            for (Map.Entry<String, String> q : queries.entrySet()) {
                StringBuilder plan = new StringBuilder();
                try (ResultSet rs =
                        s.executeQuery("explain " + (explain.equals("analyze") ? "analyze " : "") + q.getValue())) {
                    while (rs.next()) {
                        plan.append("\n    ").append(rs.getString(1).replace("\n", "\n    "));
                    }
                }
                System.out.println("EXPLAIN " + q.getKey() + ":" + plan);
                // and the query alone, 10 times one after another: the median, in the database's own time
                List<Long> times = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    long t = System.nanoTime();
                    try (ResultSet rs = s.executeQuery(q.getValue())) {
                        while (rs.next()) {
                            // read it all
                        }
                    }
                    times.add(System.nanoTime() - t);
                }
                Collections.sort(times);
                bench(
                        "scale.sql." + q.getKey().replace(' ', '-') + ".median-ms",
                        times.get(5) / 1e6,
                        "ms (JDBC, 10 runs)");
            }
        }
    }

    /**
     * Issued documents over 2016–2025 (Giấy mời three in five, Kết luận, Thông báo), each with its
     * versions (one in seven revised once), ten recipients, its register line, four history events and
     * ten deliveries, the invitations' with receipts and answers; one invitation of 2025 to
     * {@value #BIG_MEETING} invitees; {@value #OPEN_TASKS} documents in review or awaiting a signature
     * with their open work items. Ids far above anything the app hands out.
     */
    long seed(Connection c) throws Exception {
        c.setAutoCommit(false);
        Map<String, Integer> seq = new HashMap<>();
        long deliveries = 0;
        long versionId = FIRST_ID;
        int total = DOCUMENTS + 1 + OPEN_TASKS;
        bigMeeting = FIRST_ID + DOCUMENTS;
        try (PreparedStatement doc = c.prepareStatement("""
                        insert into document (id, doc_type, status, drafter, signer, current_version, number, issued_at,
                                              urgent, created_at, updated_at, lock_version, search_text, listed_at)
                        values (?, ?, ?, 'chuyenvien', ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)""");
                PreparedStatement version = c.prepareStatement("""
                        insert into document_version (id, document_id, version_no, title, body, signer, meeting_start,
                                                      meeting_end, location, chair, reply_by, created_by, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'chuyenvien', ?)""");
                PreparedStatement recipient = c.prepareStatement(
                        "insert into version_recipient (version_id, position, name, email) values (?, ?, ?, ?)");
                PreparedStatement line = c.prepareStatement("""
                        insert into outgoing_register (doc_type, scope_key, seq, number, document_id, title, signer,
                                                       issued_at, issue_year, printed_recipients)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
                PreparedStatement event = c.prepareStatement("""
                        insert into document_event (document_id, occurred_at, actor, action, version_no, comment)
                        values (?, ?, ?, ?, ?, ?)""");
                PreparedStatement delivery = c.prepareStatement("""
                        insert into delivery (document_id, position, kind, name, email, state, attempts, sent_at,
                                              message_id, confirmed_at, response, answered_at, answered_via,
                                              decline_reason, delegate_name, delegate_position)
                        values (?, ?, 'ISSUE', ?, ?, 'SENT', 1, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
                PreparedStatement item = c.prepareStatement("""
                        insert into work_item (task_id, document_id, task_key, kind, name, assignee, candidate_group,
                                               created_at, due_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (int i = 0; i < total; i++) {
                long id = FIRST_ID + i;
                boolean big = i == DOCUMENTS;
                boolean issued = i <= DOCUMENTS;
                String type = big ? "GM" : TYPES[i % TYPES.length];
                boolean meeting = type.equals("GM");
                String signer = i % 4 == 0 ? "phobithu" : "bithu";
                int year = big ? 2025 : 2016 + (i / 7) % 10;
                // KL is numbered per nhiệm kỳ (terms from 2015, 2020 and 2025 in this data), the others per year
                String scope = !type.equals("KL")
                        ? String.valueOf(year)
                        : year >= 2025 ? "T2025-10-01" : year >= 2020 ? "T2020-10-01" : "T2015-10-01";
                int n = issued ? seq.merge(type + scope, 1, Integer::sum) : 0;
                String number = issued ? String.format("%02d-%s/ĐUK", n, type) : null;
                ZonedDateTime created = ZonedDateTime.of(
                        year, 1 + (i % 12), 1 + (i % 28), 8 + (i % 9), i % 60, 0, 0, OrganisationProperties.VIETNAM);
                Timestamp createdAt = Timestamp.from(created.toInstant());
                Timestamp issuedAt = Timestamp.from(created.plusDays(2).toInstant());
                Timestamp at = issued ? issuedAt : Timestamp.from(Instant.now().minusSeconds(3600L * (i - DOCUMENTS)));
                String topic = i % 1000 == 7 ? "công tác phòng cháy chữa cháy" : "nội dung số " + i;
                String title = switch (type) {
                    case "GM" -> "Giấy mời dự Hội nghị về " + topic;
                    case "KL" -> "Kết luận của Ban Thường vụ về " + topic;
                    default -> "Thông báo về " + topic;
                };
                String body = "Căn cứ chương trình công tác năm " + year + " của Ban Thường vụ Đảng ủy Khối.\n"
                        + "Nội dung văn bản số " + i + ": đánh giá kết quả, nêu nhiệm vụ, giao các ban thực hiện.";
                int versions = i % 7 == 0 ? 2 : 1;
                doc.setLong(1, id);
                doc.setString(2, type);
                doc.setString(3, issued ? "ISSUED" : (i % 4 == 1 ? "IN_REVIEW" : "AWAITING_SIGNATURE"));
                doc.setString(4, signer);
                doc.setInt(5, versions);
                doc.setString(6, number);
                doc.setTimestamp(7, issued ? issuedAt : null);
                doc.setBoolean(8, i % 20 == 0);
                doc.setTimestamp(9, createdAt);
                doc.setTimestamp(10, at);
                doc.setString(11, SearchText.fold((number == null ? "" : number) + " " + title + " " + body));
                doc.setTimestamp(12, issued ? issuedAt : at);
                doc.addBatch();
                int recipients = big ? BIG_MEETING : DELIVERIES_PER_DOCUMENT;
                for (int v = 1; v <= versions; v++) {
                    long vid = versionId++;
                    version.setLong(1, vid);
                    version.setLong(2, id);
                    version.setInt(3, v);
                    version.setString(4, v == versions ? title : title + " (dự thảo)");
                    version.setString(5, body);
                    version.setString(6, signer);
                    ZonedDateTime start = created.plusDays(9).withHour(8).withMinute(0);
                    version.setTimestamp(7, meeting ? Timestamp.from(start.toInstant()) : null);
                    version.setTimestamp(
                            8, meeting ? Timestamp.from(start.plusHours(3).toInstant()) : null);
                    version.setString(9, meeting ? "Hội trường Đảng ủy Khối" : null);
                    version.setString(10, meeting ? "Đồng chí Bí thư" : null);
                    version.setTimestamp(
                            11, meeting ? Timestamp.from(start.minusDays(2).toInstant()) : null);
                    version.setTimestamp(
                            12, Timestamp.from(created.plusHours(v - 1).toInstant()));
                    version.addBatch();
                    for (int p = 0; p < (v == versions ? recipients : 1); p++) {
                        recipient.setLong(1, vid);
                        recipient.setInt(2, p);
                        recipient.setString(3, invitee(p));
                        recipient.setString(4, "r" + p + "@seed.example.vn");
                        recipient.addBatch();
                    }
                }
                String[][] events = issued
                        ? new String[][] {
                            {"CREATED", "chuyenvien"},
                            {"SUBMITTED", "chuyenvien"},
                            {"SIGNED", signer},
                            {"ISSUED", "system"}
                        }
                        : new String[][] {{"CREATED", "chuyenvien"}, {"SUBMITTED", "chuyenvien"}};
                for (int e = 0; e < events.length; e++) {
                    event.setLong(1, id);
                    event.setTimestamp(
                            2, Timestamp.from(created.plusHours(e * 8L).toInstant()));
                    event.setString(3, events[e][1]);
                    event.setString(4, events[e][0]);
                    event.setInt(5, versions);
                    event.setString(6, null);
                    event.addBatch();
                }
                if (issued) {
                    line.setString(1, type);
                    line.setString(2, scope);
                    line.setInt(3, n);
                    line.setString(4, number);
                    line.setLong(5, id);
                    line.setString(6, title);
                    line.setString(7, signer);
                    line.setTimestamp(8, issuedAt);
                    line.setInt(9, year);
                    line.setString(10, "Như trên;\nCác ban Đảng");
                    line.addBatch();
                    for (int p = 0; p < recipients; p++) {
                        int k = i * 31 + p * 7;
                        Timestamp sent = Timestamp.from(
                                created.plusDays(2).plusSeconds(5 + p).toInstant());
                        boolean received = k % 10 < 7;
                        String answer = !meeting || k % 10 >= 6
                                ? null
                                : k % 10 < 4 ? "ATTENDING" : k % 10 == 4 ? "DECLINED" : "DELEGATED";
                        delivery.setLong(1, id);
                        delivery.setInt(2, p);
                        delivery.setString(3, invitee(p));
                        delivery.setString(4, "r" + p + "@seed.example.vn");
                        delivery.setTimestamp(5, sent);
                        delivery.setString(6, "<" + id + "." + p + "@seed.example.vn>");
                        delivery.setTimestamp(
                                7,
                                received
                                        ? Timestamp.from(created.plusDays(3)
                                                .plusSeconds(p)
                                                .toInstant())
                                        : null);
                        delivery.setString(8, answer);
                        delivery.setTimestamp(
                                9,
                                answer == null
                                        ? null
                                        : Timestamp.from(created.plusDays(4).toInstant()));
                        delivery.setString(10, answer == null ? null : (k % 3 == 0 ? "CALENDAR" : "LINK"));
                        delivery.setString(11, "DECLINED".equals(answer) ? "Trùng lịch công tác" : null);
                        delivery.setString(12, "DELEGATED".equals(answer) ? "Đồng chí Phó ban " + p : null);
                        delivery.setString(13, "DELEGATED".equals(answer) ? "Phó Trưởng ban" : null);
                        delivery.addBatch();
                        deliveries++;
                    }
                } else {
                    int k = i - DOCUMENTS - 1;
                    boolean review = k % 4 == 1;
                    item.setString(1, "scale-" + k);
                    item.setLong(2, id);
                    item.setString(3, review ? "review" : "sign");
                    item.setString(
                            4,
                            review
                                    ? DocumentIssuanceProcess.Kind.REVIEW.wire()
                                    : DocumentIssuanceProcess.Kind.SIGN.wire());
                    item.setString(5, review ? "Thẩm định dự thảo" : "Ký ban hành");
                    item.setString(6, review ? null : signer);
                    item.setString(7, review ? Groups.REVIEWERS : null);
                    item.setTimestamp(8, at);
                    item.setTimestamp(
                            9, review ? null : Timestamp.from(Instant.now().plusSeconds(86_400)));
                    item.addBatch();
                }
                if (i % 500 == 499 || i == total - 1 || big) {
                    doc.executeBatch();
                    version.executeBatch();
                    recipient.executeBatch();
                    event.executeBatch();
                    line.executeBatch();
                    delivery.executeBatch();
                    item.executeBatch();
                    c.commit();
                }
            }
        }
        c.setAutoCommit(true);
        return deliveries;
    }

    static String invitee(int p) {
        return switch (p % 5) {
            case 0 -> "Ban Tổ chức Đảng ủy Khối";
            case 1 -> "Ban Tuyên giáo và Dân vận";
            case 2 -> "Ủy ban Kiểm tra Đảng ủy Khối";
            case 3 -> "Đảng bộ Sở Tài chính " + p;
            default -> "Đồng chí Ủy viên Ban Thường vụ " + p;
        };
    }
}
