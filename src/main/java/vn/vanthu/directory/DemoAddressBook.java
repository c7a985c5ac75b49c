package vn.vanthu.directory;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Demo address book for the embedded default (vanthu.demo-data=true): the committee's units and
 * leaders, and two saved groups. Idempotent. The addresses are under example.vn (RFC 2606 style),
 * so nothing leaves the in-process mail server even if it is misconfigured.
 */
@Component
@ConditionalOnProperty(name = "vanthu.demo-data", havingValue = "true")
public class DemoAddressBook {

    private record Demo(String kind, String name, String email) {}

    private static final List<Demo> LEADERS = List.of(
            new Demo("PERSON", "Đồng chí Nguyễn Văn An, Bí thư Đảng ủy Khối", "bithu@dangbo.example.vn"),
            new Demo("PERSON", "Đồng chí Lê Thị Hằng, Phó Bí thư Đảng ủy Khối", "phobithu@dangbo.example.vn"),
            new Demo("PERSON", "Đồng chí Trương Minh Tuấn, Ủy viên Ban Thường vụ", "uvbtv1@dangbo.example.vn"),
            new Demo("PERSON", "Đồng chí Hồ Thị Mai, Ủy viên Ban Thường vụ", "uvbtv2@dangbo.example.vn"));

    private static final List<Demo> UNITS = List.of(
            new Demo("UNIT", "Ban Tổ chức Đảng ủy Khối", "bantochuc@dangbo.example.vn"),
            new Demo("UNIT", "Ban Tuyên giáo và Dân vận Đảng ủy Khối", "bantuyengiao@dangbo.example.vn"),
            new Demo("UNIT", "Ủy ban Kiểm tra Đảng ủy Khối", "ubkt@dangbo.example.vn"),
            new Demo("UNIT", "Văn phòng Đảng ủy Khối", "vanphong@dangbo.example.vn"),
            new Demo("UNIT", "Đảng bộ Sở Tài chính", "sotaichinh@dangbo.example.vn"),
            new Demo("UNIT", "Đảng bộ Sở Giáo dục và Đào tạo", "sogddt@dangbo.example.vn"));

    private final AddressBook book;

    public DemoAddressBook(AddressBook book) {
        this.book = book;
    }

    @Transactional
    public void ensureDemoEntries() {
        List<Long> leaders = add(LEADERS);
        List<Long> units = add(UNITS);
        book.ensureGroup("Ban Thường vụ", 1, leaders);
        book.ensureGroup("Các ban Đảng", 2, units.subList(0, 3));
    }

    private List<Long> add(List<Demo> demos) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < demos.size(); i++) {
            Demo d = demos.get(i);
            ids.add(book.ensureEntry(d.kind(), d.name(), d.email(), i));
        }
        return ids;
    }
}
