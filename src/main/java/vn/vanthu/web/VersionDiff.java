package vn.vanthu.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import vn.vanthu.config.OrganisationProperties;
import vn.vanthu.document.DocumentVersion;
import vn.vanthu.document.DraftContent;
import vn.vanthu.document.Recipient;

/** What changed from one saved version of a draft to the next, field by field, for the document page. */
record VersionDiff(int versionNo, String author, Instant at, List<Change> changes) {

    record Change(String field, String before, String after) {}

    private static final java.time.format.DateTimeFormatter TIME =
            java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

    /** One entry per version, newest first; the first version lists no changes. */
    static List<VersionDiff> of(List<DocumentVersion> versions, Function<String, String> personName) {
        List<VersionDiff> diffs = new ArrayList<>();
        DraftContent previous = null;
        for (DocumentVersion v : versions) {
            DraftContent c = v.content();
            diffs.add(new VersionDiff(
                    v.getVersionNo(),
                    personName.apply(v.getCreatedBy()),
                    v.getCreatedAt(),
                    previous == null ? List.of() : changes(previous, c, personName)));
            previous = c;
        }
        java.util.Collections.reverse(diffs);
        return diffs;
    }

    static List<Change> changes(DraftContent a, DraftContent b, Function<String, String> personName) {
        Map<String, String[]> fields = new LinkedHashMap<>();
        fields.put("Trích yếu", new String[] {a.title(), b.title()});
        fields.put("Nội dung", new String[] {a.body(), b.body()});
        DraftContent.Meeting ma = a.meeting();
        DraftContent.Meeting mb = b.meeting();
        fields.put(
                "Bắt đầu họp",
                new String[] {time(ma == null ? null : ma.start()), time(mb == null ? null : mb.start())});
        fields.put(
                "Kết thúc họp", new String[] {time(ma == null ? null : ma.end()), time(mb == null ? null : mb.end())});
        fields.put("Địa điểm", new String[] {ma == null ? null : ma.location(), mb == null ? null : mb.location()});
        fields.put("Chủ trì", new String[] {ma == null ? null : ma.chair(), mb == null ? null : mb.chair()});
        fields.put(
                "Thành phần mời", new String[] {ma == null ? null : ma.invitees(), mb == null ? null : mb.invitees()});
        fields.put(
                "Chuẩn bị", new String[] {ma == null ? null : ma.preparation(), mb == null ? null : mb.preparation()});
        fields.put("Liên hệ", new String[] {ma == null ? null : ma.contact(), mb == null ? null : mb.contact()});
        fields.put("Người ký", new String[] {personName.apply(a.signer()), personName.apply(b.signer())});
        // what is printed and where it goes (issue 13): a reviewer sees these change too
        fields.put("Độ khẩn", new String[] {
            a.urgency() == null ? null : a.urgency().label(),
            b.urgency() == null ? null : b.urgency().label()
        });
        fields.put("Lưu hành", new String[] {
            a.circulation() == null ? null : a.circulation().label(),
            b.circulation() == null ? null : b.circulation().label()
        });
        fields.put("Công bố", new String[] {a.publish() ? "có" : "không", b.publish() ? "có" : "không"});
        fields.put(
                "Nơi nhận in trên văn bản",
                new String[] {String.join("; ", a.printedLines()), String.join("; ", b.printedLines())});
        List<Change> changes = new ArrayList<>();
        fields.forEach((name, pair) -> {
            if (!Objects.equals(pair[0], pair[1])) {
                changes.add(new Change(name, pair[0], pair[1]));
            }
        });
        List<String> before =
                a.recipients().stream().map(VersionDiff::recipient).toList();
        List<String> after = b.recipients().stream().map(VersionDiff::recipient).toList();
        List<String> added = after.stream().filter(r -> !before.contains(r)).toList();
        List<String> removed = before.stream().filter(r -> !after.contains(r)).toList();
        if (!added.isEmpty() || !removed.isEmpty()) {
            changes.add(new Change(
                    "Nơi nhận",
                    removed.isEmpty() ? null : "bỏ: " + String.join("; ", removed),
                    added.isEmpty() ? null : "thêm: " + String.join("; ", added)));
        }
        return changes;
    }

    private static String recipient(Recipient r) {
        return r.getName() + " <" + r.getEmail() + ">";
    }

    private static String time(Instant t) {
        return t == null ? null : t.atZone(OrganisationProperties.VIETNAM).format(TIME);
    }

    public String when() {
        return at.atZone(OrganisationProperties.VIETNAM).format(TIME);
    }
}
