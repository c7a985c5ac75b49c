package vn.vanthu.directory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The units and people documents are sent to, with their emails, and saved recipient groups.
 * The drafting form picks recipients from here; a draft stores its own copy of name and email,
 * so a later change to the address book never alters what was issued.
 */
@Service
public class AddressBook {

    /** unitName and position: as the address book keeps them (V21), null when not filled in. */
    public record Entry(long id, String kind, String name, String email, String unitName, String position) {
        public Entry(long id, String kind, String name, String email) {
            this(id, kind, name, email, null, null);
        }

        public boolean unit() {
            return "UNIT".equals(kind);
        }
    }

    public record RecipientGroup(long id, String name, List<Entry> members) {}

    private final JdbcTemplate jdbc;

    public AddressBook(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Units first, then people, each in their set order; disabled entries are not offered. */
    public List<Entry> entries() {
        return jdbc.query(
                "select id, kind, name, email, unit, position from address_entry where active = true "
                        + "order by kind desc, sort_order, name",
                (rs, i) -> new Entry(
                        rs.getLong("id"),
                        rs.getString("kind"),
                        rs.getString("name"),
                        rs.getString("email"),
                        rs.getString("unit"),
                        rs.getString("position")));
    }

    public List<RecipientGroup> groups() {
        Map<Long, Entry> byId = new LinkedHashMap<>();
        entries().forEach(e -> byId.put(e.id(), e));
        Map<Long, String> names = new LinkedHashMap<>();
        jdbc.query("select id, name from recipient_group order by sort_order, name", rs -> {
            names.put(rs.getLong("id"), rs.getString("name"));
        });
        Map<Long, List<Entry>> members = new LinkedHashMap<>();
        jdbc.query("""
                select m.group_id, m.entry_id from recipient_group_member m
                join address_entry e on e.id = m.entry_id where e.active = true order by e.sort_order, e.name""", rs -> {
            members.computeIfAbsent(rs.getLong("group_id"), k -> new ArrayList<>())
                    .add(byId.get(rs.getLong("entry_id")));
        });
        return names.entrySet().stream()
                .map(g -> new RecipientGroup(
                        g.getKey(), g.getValue(), List.copyOf(members.getOrDefault(g.getKey(), List.of()))))
                .toList();
    }

    /** The entries with these ids and the members of these groups, each address once, in address-book order. */
    public List<Entry> resolve(Collection<Long> entryIds, Collection<Long> groupIds) {
        Map<Long, Entry> chosen = new LinkedHashMap<>();
        List<Entry> all = entries();
        java.util.Set<Long> wanted = new java.util.HashSet<>(entryIds);
        for (RecipientGroup group : groups()) {
            if (groupIds.contains(group.id())) {
                group.members().forEach(m -> wanted.add(m.id()));
            }
        }
        for (Entry e : all) {
            if (wanted.contains(e.id())) {
                chosen.put(e.id(), e);
            }
        }
        return List.copyOf(chosen.values());
    }

    /** Adds an entry unless its email is already there; returns the entry's id. */
    @Transactional
    public long ensureEntry(String kind, String name, String email, int order) {
        List<Long> existing = jdbc.query(
                "select id from address_entry where lower(email) = lower(?)", (rs, i) -> rs.getLong(1), email);
        if (!existing.isEmpty()) {
            return existing.get(0);
        }
        jdbc.update(
                "insert into address_entry (kind, name, email, sort_order) values (?, ?, ?, ?)",
                kind,
                name,
                email,
                order);
        return jdbc.queryForObject("select id from address_entry where email = ?", Long.class, email);
    }

    /** Creates the group if missing and adds the members it lacks. */
    @Transactional
    public void ensureGroup(String name, int order, Collection<Long> entryIds) {
        List<Long> existing =
                jdbc.query("select id from recipient_group where name = ?", (rs, i) -> rs.getLong(1), name);
        long id;
        if (existing.isEmpty()) {
            jdbc.update("insert into recipient_group (name, sort_order) values (?, ?)", name, order);
            id = jdbc.queryForObject("select id from recipient_group where name = ?", Long.class, name);
        } else {
            id = existing.get(0);
        }
        for (Long entry : entryIds) {
            if (jdbc.queryForObject(
                            "select count(*) from recipient_group_member where group_id = ? and entry_id = ?",
                            Integer.class,
                            id,
                            entry)
                    == 0) {
                jdbc.update("insert into recipient_group_member (group_id, entry_id) values (?, ?)", id, entry);
            }
        }
    }
}
