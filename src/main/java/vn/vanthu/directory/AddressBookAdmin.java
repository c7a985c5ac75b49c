package vn.vanthu.directory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.vanthu.system.ConflictException;
import vn.vanthu.system.InvalidInputException;
import vn.vanthu.system.NotFoundException;

/**
 * The office's own changes to the address book (issue 14, item 3): entries with name, email,
 * unit and position, disabled rather than deleted (issued documents keep their own copy of each
 * address; a disabled entry is no longer offered nor sent to through a group), recipient groups
 * and their members, signers' positions. Who may and the audit trail are the caller's part
 * ({@code web.AddressBookController}); every input is checked here.
 */
@Service
public class AddressBookAdmin {

    /** An entry as the office edits it. */
    public record Card(long id, String kind, String name, String email, String unit, String position, boolean active) {
        public boolean isUnit() {
            return "UNIT".equals(kind);
        }

        /** "Sở Tài chính, Bí thư Đảng ủy", or "—". */
        public String details() {
            String joined = java.util.stream.Stream.of(unit, position)
                    .filter(s -> s != null && !s.isBlank())
                    .collect(java.util.stream.Collectors.joining(", "));
            return joined.isEmpty() ? "—" : joined;
        }
    }

    /** A group with the ids of its members (disabled ones included). */
    public record GroupCard(long id, String name, Set<Long> members) {}

    /** A leader who signs, and the position printed under their signature (blank until set). */
    public record SignerPosition(String userId, String fullName, String position) {}

    /** Every member of signers, with a position or without one yet (a new leader's account). */
    public List<SignerPosition> signerPositions() {
        return directory.membersOf(Groups.SIGNERS).stream()
                .map(id -> new SignerPosition(
                        id,
                        directory.fullName(id),
                        directory.signer(id).map(Signer::position).orElse("")))
                .toList();
    }

    /** What the form sends. */
    public record CardInput(String kind, String name, String email, String unit, String position) {}

    private static final Pattern EMAIL = Pattern.compile(
            "^[^@\\s<>\",;()\\[\\]\\\\]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)+$");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cf}&&[^\\t]]");

    private final JdbcTemplate jdbc;
    private final Directory directory;

    AddressBookAdmin(JdbcTemplate jdbc, Directory directory) {
        this.jdbc = jdbc;
        this.directory = directory;
    }

    public List<Card> cards() {
        return jdbc.query(
                "select id, kind, name, email, unit, position, active from address_entry "
                        + "order by active desc, kind desc, sort_order, name",
                (rs, i) -> new Card(
                        rs.getLong("id"),
                        rs.getString("kind"),
                        rs.getString("name"),
                        rs.getString("email"),
                        rs.getString("unit"),
                        rs.getString("position"),
                        rs.getBoolean("active")));
    }

    public Card card(long id) {
        return cards().stream()
                .filter(c -> c.id() == id)
                .findFirst()
                .orElseThrow(() -> new NotFoundException("Không có mục danh bạ này."));
    }

    public List<GroupCard> groups() {
        Map<Long, GroupCard> groups = new LinkedHashMap<>();
        jdbc.query("select id, name from recipient_group order by sort_order, name", rs -> {
            groups.put(rs.getLong(1), new GroupCard(rs.getLong(1), rs.getString(2), new LinkedHashSet<>()));
        });
        jdbc.query("select group_id, entry_id from recipient_group_member", rs -> {
            GroupCard g = groups.get(rs.getLong(1));
            if (g != null) {
                g.members().add(rs.getLong(2));
            }
        });
        return List.copyOf(groups.values());
    }

    public GroupCard group(long id) {
        return groups().stream()
                .filter(g -> g.id() == id)
                .findFirst()
                .orElseThrow(() -> new NotFoundException("Không có nhóm nơi nhận này."));
    }

    /** Adds an entry; returns it. 400 on a bad field, 409 when the email is already in the book. */
    @Transactional
    public Card add(CardInput input) {
        CardInput clean = check(input);
        if (emailTaken(clean.email(), null)) {
            throw new ConflictException("Địa chỉ " + clean.email() + " đã có trong danh bạ.");
        }
        Integer order =
                jdbc.queryForObject("select coalesce(max(sort_order), 0) + 1 from address_entry", Integer.class);
        jdbc.update(
                "insert into address_entry (kind, name, email, unit, position, sort_order, active) "
                        + "values (?, ?, ?, ?, ?, ?, true)",
                clean.kind(),
                clean.name(),
                clean.email(),
                clean.unit(),
                clean.position(),
                order);
        Long id = jdbc.queryForObject(
                "select id from address_entry where lower(email) = lower(?)", Long.class, clean.email());
        return card(id);
    }

    /** Changes an entry; returns the card before the change (for the audit trail). */
    @Transactional
    public Card edit(long id, CardInput input) {
        Card before = card(id);
        CardInput clean = check(input);
        if (emailTaken(clean.email(), id)) {
            throw new ConflictException("Địa chỉ " + clean.email() + " đã có trong danh bạ.");
        }
        jdbc.update(
                "update address_entry set kind = ?, name = ?, email = ?, unit = ?, position = ? where id = ?",
                clean.kind(),
                clean.name(),
                clean.email(),
                clean.unit(),
                clean.position(),
                id);
        return before;
    }

    @Transactional
    public Card setActive(long id, boolean active) {
        Card card = card(id);
        jdbc.update("update address_entry set active = ? where id = ?", active, id);
        return card;
    }

    @Transactional
    public GroupCard addGroup(String name) {
        String clean = single(name, "name", "Tên nhóm", 200);
        if (!jdbc.queryForList("select id from recipient_group where lower(name) = lower(?)", Long.class, clean)
                .isEmpty()) {
            throw new ConflictException("Đã có nhóm \"" + clean + "\".");
        }
        Integer order =
                jdbc.queryForObject("select coalesce(max(sort_order), 0) + 1 from recipient_group", Integer.class);
        jdbc.update("insert into recipient_group (name, sort_order) values (?, ?)", clean, order);
        return group(jdbc.queryForObject("select id from recipient_group where name = ?", Long.class, clean));
    }

    /** Renames a group and sets its members to exactly these entries. */
    @Transactional
    public GroupCard editGroup(long id, String name, Collection<Long> members) {
        GroupCard before = group(id);
        String clean = single(name, "name", "Tên nhóm", 200);
        if (!jdbc.queryForList(
                        "select id from recipient_group where lower(name) = lower(?) and id <> ?",
                        Long.class,
                        clean,
                        id)
                .isEmpty()) {
            throw new ConflictException("Đã có nhóm \"" + clean + "\".");
        }
        Set<Long> known = new LinkedHashSet<>();
        cards().forEach(c -> known.add(c.id()));
        for (Long member : members) {
            if (!known.contains(member)) {
                throw InvalidInputException.of("members", "Thành viên không có trong danh bạ.");
            }
        }
        jdbc.update("update recipient_group set name = ? where id = ?", clean, id);
        jdbc.update("delete from recipient_group_member where group_id = ?", id);
        for (Long member : new LinkedHashSet<>(members)) {
            jdbc.update("insert into recipient_group_member (group_id, entry_id) values (?, ?)", id, member);
        }
        return before;
    }

    /** A signer's position as printed under the signature ("Bí thư"); only for members of signers. */
    @Transactional
    public void setPosition(String userId, String position) {
        if (userId == null || !directory.isMember(userId, Groups.SIGNERS)) {
            throw new NotFoundException("Không có lãnh đạo ký " + userId + ".");
        }
        String clean = single(position, "position", "Chức vụ", 100);
        directory.setPosition(userId, clean);
    }

    private boolean emailTaken(String email, Long except) {
        List<Long> ids =
                jdbc.queryForList("select id from address_entry where lower(email) = lower(?)", Long.class, email);
        return ids.stream().anyMatch(i -> except == null || !i.equals(except));
    }

    private static CardInput check(CardInput input) {
        Map<String, String> errors = new LinkedHashMap<>();
        String kind = input.kind() == null ? "" : input.kind().strip().toUpperCase(Locale.ROOT);
        if (!kind.equals("UNIT") && !kind.equals("PERSON")) {
            errors.put("kind", "Chọn loại: đơn vị hoặc cá nhân.");
        }
        String name = text(input.name(), "name", "Tên", 300, true, errors);
        String email = text(input.email(), "email", "Email", 320, true, errors);
        if (email != null
                && !errors.containsKey("email")
                && !EMAIL.matcher(email).matches()) {
            errors.put("email", "Email không hợp lệ (ví dụ: bantochuc@dangbo.vn).");
        }
        String unit = text(input.unit(), "unit", "Đơn vị", 300, false, errors);
        String position = text(input.position(), "position", "Chức vụ", 200, false, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new CardInput(kind, name, email, unit, position);
    }

    /** Trimmed text without control characters (a line break in a name would become a mail header). */
    static String text(
            String value, String field, String label, int max, boolean required, Map<String, String> errors) {
        String v = value == null ? null : value.strip();
        if (v == null || v.isEmpty()) {
            if (required) {
                errors.put(field, label + " không được để trống.");
            }
            return null;
        }
        if (CONTROL.matcher(v).find()) {
            errors.put(field, label + " có ký tự điều khiển (xuống dòng…), không dùng được.");
        } else if (v.length() > max) {
            errors.put(field, label + " dài quá " + max + " ký tự.");
        }
        return v;
    }

    /** One required field, refused at once. */
    static String single(String value, String field, String label, int max) {
        Map<String, String> errors = new LinkedHashMap<>();
        String v = text(value, field, label, max, true, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return v;
    }

    public static List<Long> ids(Collection<String> raw) {
        List<Long> ids = new ArrayList<>();
        for (String r : raw) {
            try {
                ids.add(Long.parseLong(r.strip()));
            } catch (NumberFormatException e) {
                throw InvalidInputException.of("members", "Thành viên không hợp lệ.");
            }
        }
        return ids;
    }
}
