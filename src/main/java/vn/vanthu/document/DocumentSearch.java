package vn.vanthu.document;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.vanthu.config.OrganisationProperties;
import vn.vanthu.document.AccessPolicy.Action;
import vn.vanthu.document.spi.StepHolders;
import vn.vanthu.security.Caller;
import vn.vanthu.system.InvalidInputException;

/**
 * The document lists (issue 14, item 1): "Văn bản của tôi", "Đang xử lý", "Đã ban hành" and the
 * search over number, title and body without diacritics. Only what the caller may read is ever
 * listed: the SQL carries {@link AccessPolicy#seesEveryDraft}'s rule (a draft to its drafter, its
 * chosen signer, the reviewers and the clerks; an issued or recalled document to all staff).
 */
@Service
public class DocumentSearch {

    public static final int MAX_SIZE = 100;
    public static final int MAX_QUERY = 200;

    /**
     * Matches are counted up to this many (or to the end of the page asked for, if further): an
     * exact count under the visibility rule reads every matching document, which at 100,000
     * documents was most of a list's time (docs/benchmarks.md, "Scale"). Beyond it the list says
     * "hơn 1.000 văn bản" and still pages on.
     */
    public static final int COUNT_LIMIT = 1000;

    /** Which list. */
    public enum Scope {
        /** Everything the caller may read. */
        ALL,
        /** Drafted by the caller, or to be signed by them. */
        MINE,
        /** On its way: in review, awaiting a signature, returned to its drafter. */
        IN_PROGRESS,
        /** Issued (and recalled). */
        ISSUED
    }

    static final Set<DocumentStatus> IN_PROGRESS = Set.of(
            DocumentStatus.IN_REVIEW,
            DocumentStatus.AWAITING_SIGNATURE,
            DocumentStatus.AWAITING_REMOTE_SIGNATURE,
            DocumentStatus.RETURNED);
    static final Set<DocumentStatus> PUBLISHED = Set.of(DocumentStatus.ISSUED, DocumentStatus.RECALLED);

    public record Criteria(
            Scope scope,
            String q,
            String type,
            DocumentStatus status,
            String signer,
            LocalDate from,
            LocalDate to,
            int page,
            int size) {}

    /** Who holds a document now: the open step, the person or group, since when. */
    public record Holder(String step, String assignee, String candidateGroup, OffsetDateTime since) {}

    public record Item(
            Long id,
            String type,
            DocumentStatus status,
            String number,
            String title,
            String drafter,
            String signer,
            boolean urgent,
            OffsetDateTime issuedAt,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt,
            List<Holder> holders) {}

    /**
     * One page of results; {@code page} counts from 1. {@code total} is exact unless
     * {@code totalIsLowerBound}: then more than {@code total} documents match (the count stops at
     * {@link #COUNT_LIMIT}, or at the end of this page when it lies beyond), and there is a next page.
     */
    public record Page(List<Item> items, int page, int size, long total, boolean totalIsLowerBound) {
        /** The pages known: all of them when the total is exact, else those up to the count's limit. */
        public int pages() {
            return (int) Math.max(1, (total + size - 1) / size);
        }

        public boolean hasNext() {
            return totalIsLowerBound || (long) page * size < total;
        }
    }

    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("d/M/uuuu").withResolverStyle(java.time.format.ResolverStyle.STRICT);

    private final NamedParameterJdbcTemplate jdbc;
    private final AccessPolicy access;
    private final OrganisationProperties settings;
    private final StepHolders steps;
    private final int countLimit;

    @org.springframework.beans.factory.annotation.Autowired
    DocumentSearch(
            org.springframework.jdbc.core.JdbcTemplate jdbc,
            AccessPolicy access,
            OrganisationProperties settings,
            StepHolders steps) {
        this(jdbc, access, settings, steps, COUNT_LIMIT);
    }

    /** With another count limit: for tests of the limit with a few documents. */
    DocumentSearch(
            org.springframework.jdbc.core.JdbcTemplate jdbc,
            AccessPolicy access,
            OrganisationProperties settings,
            StepHolders steps,
            int countLimit) {
        this.jdbc = new NamedParameterJdbcTemplate(jdbc);
        this.access = access;
        this.settings = settings;
        this.steps = steps;
        this.countLimit = countLimit;
    }

    /**
     * Reads the request's parameters, each checked: a wrong one is a 400 naming its field, never
     * an empty list that looks like "nothing found".
     */
    public Criteria criteria(
            Scope scope,
            String q,
            String type,
            String status,
            String signer,
            String from,
            String to,
            String page,
            String size) {
        Map<String, String> errors = new LinkedHashMap<>();
        String query = q == null ? null : q.strip();
        if (query != null && query.length() > MAX_QUERY) {
            errors.put("q", "Từ khóa tìm kiếm dài quá " + MAX_QUERY + " ký tự.");
        }
        String docType = blank(type) ? null : type.strip().toUpperCase(Locale.ROOT);
        if (docType != null && !settings.knowsType(docType)) {
            errors.put(
                    "type",
                    "Loại văn bản phải là một trong " + settings.documentTypes().keySet() + ".");
        }
        DocumentStatus docStatus = null;
        if (!blank(status)) {
            try {
                docStatus = DocumentStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.put("status", "Trạng thái không hợp lệ.");
            }
        }
        String signerId = blank(signer) ? null : signer.strip();
        if (signerId != null && signerId.length() > 64) {
            errors.put("signer", "Mã người ký không hợp lệ.");
        }
        LocalDate fromDay = day(from, "from", errors);
        LocalDate toDay = day(to, "to", errors);
        if (fromDay != null && toDay != null && toDay.isBefore(fromDay)) {
            errors.put("to", "Ngày kết thúc phải sau hoặc bằng ngày bắt đầu.");
        }
        int pageNo = number(page, 1, "page", 1, 100_000, errors);
        int pageSize = number(size, 20, "size", 1, MAX_SIZE, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new Criteria(
                scope == null ? Scope.ALL : scope,
                blank(query) ? null : query,
                docType,
                docStatus,
                signerId,
                fromDay,
                toDay,
                pageNo,
                pageSize);
    }

    /** How many of the caller's own drafts are back with them (RETURNED), for the home page. */
    @Transactional(readOnly = true)
    public long returnedTo(Caller caller) {
        access.check(caller, Action.USE_STAFF_PAGES);
        Long n = jdbc.queryForObject(
                "select count(*) from document where status = 'RETURNED' and drafter = :me",
                new MapSqlParameterSource("me", caller.userId()),
                Long.class);
        return n == null ? 0 : n;
    }

    @Transactional(readOnly = true)
    public Page search(Criteria c, Caller caller) {
        access.check(caller, Action.USE_STAFF_PAGES);
        StringBuilder where = new StringBuilder(" where 1 = 1");
        MapSqlParameterSource params = new MapSqlParameterSource("me", caller.userId())
                .addValue("published", PUBLISHED.stream().map(Enum::name).toList());
        if (!access.seesEveryDraft(caller)) {
            where.append(" and (d.status in (:published) or d.drafter = :me or d.signer = :me)");
        }
        switch (c.scope()) {
            case MINE -> where.append(" and (d.drafter = :me or d.signer = :me)");
            case IN_PROGRESS -> {
                where.append(" and d.status in (:progress)");
                params.addValue("progress", IN_PROGRESS.stream().map(Enum::name).toList());
            }
            case ISSUED -> where.append(" and d.status in (:published)");
            case ALL -> {}
        }
        List<String> words = SearchText.words(c.q());
        for (int i = 0; i < words.size(); i++) {
            where.append(" and d.search_text like :w").append(i).append(" escape '!'");
            params.addValue(
                    "w" + i,
                    "%" + words.get(i).replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
        }
        if (c.type() != null) {
            where.append(" and d.doc_type = :type");
            params.addValue("type", c.type());
        }
        if (c.status() != null) {
            where.append(" and d.status = :status");
            params.addValue("status", c.status().name());
        }
        if (c.signer() != null) {
            where.append(" and d.signer = :signer");
            params.addValue("signer", c.signer());
        }
        // the day a document was issued, or created while it is not issued: Vietnam days
        if (c.from() != null) {
            where.append(" and coalesce(d.issued_at, d.created_at) >= :from");
            params.addValue(
                    "from",
                    Timestamp.from(c.from()
                            .atStartOfDay(OrganisationProperties.VIETNAM)
                            .toInstant()));
        }
        if (c.to() != null) {
            where.append(" and coalesce(d.issued_at, d.created_at) < :to");
            params.addValue(
                    "to",
                    Timestamp.from(c.to().plusDays(1)
                            .atStartOfDay(OrganisationProperties.VIETNAM)
                            .toInstant()));
        }
        // one row past the limit tells "more than the limit" from "exactly the limit"
        long limit = Math.max(countLimit, (long) c.page() * c.size()) + 1;
        params.addValue("countLimit", limit);
        Long counted = jdbc.queryForObject(
                "select count(*) from (select 1 as x from document d" + where
                        + " fetch first :countLimit rows only) matching",
                params,
                Long.class);
        long total = counted == null ? 0 : counted;
        boolean more = total >= limit;
        params.addValue("offset", (long) (c.page() - 1) * c.size()).addValue("size", c.size());
        List<Item> items = jdbc.query(
                """
                select d.id, d.doc_type, d.status, d.number, v.title, d.drafter, d.signer, d.urgent, d.issued_at,
                       d.created_at, d.updated_at
                from document d join document_version v on v.document_id = d.id and v.version_no = d.current_version
                """ + where + " order by d.listed_at desc, d.id desc"
                        + " offset :offset rows fetch next :size rows only",
                params,
                (rs, i) -> new Item(
                        rs.getLong("id"),
                        rs.getString("doc_type"),
                        DocumentStatus.valueOf(rs.getString("status")),
                        rs.getString("number"),
                        rs.getString("title"),
                        rs.getString("drafter"),
                        rs.getString("signer"),
                        rs.getBoolean("urgent"),
                        vn(rs.getTimestamp("issued_at")),
                        vn(rs.getTimestamp("created_at")),
                        vn(rs.getTimestamp("updated_at")),
                        new ArrayList<>()));
        attachHolders(items);
        return new Page(items, c.page(), c.size(), more ? limit - 1 : total, more);
    }

    /** The open steps of the listed documents, as the workflow knows them. */
    private void attachHolders(List<Item> items) {
        List<Long> ids = items.stream()
                .filter(i -> IN_PROGRESS.contains(i.status()))
                .map(Item::id)
                .toList();
        if (ids.isEmpty()) {
            return;
        }
        Map<Long, List<Holder>> byDocument = steps.openStepsOf(ids);
        for (Item item : items) {
            item.holders().addAll(byDocument.getOrDefault(item.id(), List.of()));
        }
    }

    private static LocalDate day(String value, String field, Map<String, String> errors) {
        if (blank(value)) {
            return null;
        }
        String v = value.strip();
        try {
            return v.contains("/") ? LocalDate.parse(v, DAY) : LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            errors.put(field, "Ngày phải viết dạng dd/MM/yyyy (ví dụ 05/02/2026).");
            return null;
        }
    }

    private static int number(String value, int otherwise, String field, int min, int max, Map<String, String> errors) {
        if (blank(value)) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.put(field, "Phải là số nguyên từ " + min + " đến " + max + ".");
        return otherwise;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static OffsetDateTime vn(Timestamp t) {
        return t == null
                ? null
                : t.toInstant().atZone(OrganisationProperties.VIETNAM).toOffsetDateTime();
    }
}
