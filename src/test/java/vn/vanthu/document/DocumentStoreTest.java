package vn.vanthu.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The documents' tables in plain SQL: what is saved comes back field for field, and a save over
 * someone else's change is refused. H2 in memory with the application's own migrations; no Spring.
 */
class DocumentStoreTest {

    private static DocumentStore store;
    private static final Instant NOW = Instant.parse("2026-11-28T02:15:30.123456Z");

    @BeforeAll
    static void database() {
        JdbcDataSource db = new JdbcDataSource();
        db.setURL("jdbc:h2:mem:store-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure()
                .dataSource(db)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        store = new DocumentStore(JdbcClient.create(db));
    }

    @Test
    void aDocumentComesBackAsItWasSaved() {
        Document saved = store.insert(new Document("GM", "chuyenvien", "bithu", NOW));
        assertThat(saved.getId()).isNotNull();

        Document read = store.find(saved.getId()).orElseThrow();
        assertThat(read.getType()).isEqualTo("GM");
        assertThat(read.getStatus()).isEqualTo(DocumentStatus.DRAFT);
        assertThat(read.getDrafter()).isEqualTo("chuyenvien");
        assertThat(read.getSigner()).isEqualTo("bithu");
        assertThat(read.getCreatedAt()).isEqualTo(NOW);
        assertThat(read.getNumber()).isNull();
        assertThat(read.getIssuedAt()).isNull();

        read.newVersion(1, "phobithu", true, NOW.plusSeconds(60));
        read.index("so 1 hop chi bo");
        read.attachProcess("process-1");
        read.issued("05-GM/ĐUK", NOW.plusSeconds(120), true);
        store.update(read);

        Document again = store.find(saved.getId()).orElseThrow();
        assertThat(again.getStatus()).isEqualTo(DocumentStatus.ISSUED);
        assertThat(again.getNumber()).isEqualTo("05-GM/ĐUK");
        assertThat(again.getIssuedAt()).isEqualTo(NOW.plusSeconds(120));
        assertThat(again.getCurrentVersion()).isEqualTo(1);
        assertThat(again.getSigner()).isEqualTo("phobithu");
        assertThat(again.isUrgent()).isTrue();
        assertThat(again.getProcessInstanceId()).isEqualTo("process-1");
        assertThat(again.searchText()).isEqualTo("so 1 hop chi bo");
        assertThat(again.getUpdatedAt()).isEqualTo(NOW.plusSeconds(120));
        assertThat(store.find(-1)).isEmpty();
    }

    @Test
    void aSaveOverSomeoneElsesChangeIsRefusedAndLosesNothing() {
        long id = store.insert(new Document("KL", "chuyenvien", "bithu", NOW)).getId();
        Document first = store.find(id).orElseThrow();
        Document second = store.find(id).orElseThrow();

        first.changeStatus(DocumentStatus.IN_REVIEW, NOW.plusSeconds(1));
        store.update(first);
        second.changeStatus(DocumentStatus.REJECTED, NOW.plusSeconds(2));

        assertThatThrownBy(() -> store.update(second)).isInstanceOf(OptimisticLockingFailureException.class);
        assertThat(store.find(id).orElseThrow().getStatus()).isEqualTo(DocumentStatus.IN_REVIEW);
        // the one who saved first goes on saving
        first.changeStatus(DocumentStatus.AWAITING_SIGNATURE, NOW.plusSeconds(3));
        store.update(first);
        assertThat(store.find(id).orElseThrow().getStatus()).isEqualTo(DocumentStatus.AWAITING_SIGNATURE);
    }

    @Test
    void aVersionKeepsEveryFieldAndItsRecipientsInOrder() {
        long id = store.insert(new Document("GM", "chuyenvien", "bithu", NOW)).getId();
        DraftContent.Meeting meeting = new DraftContent.Meeting(
                NOW.plus(5, ChronoUnit.DAYS),
                NOW.plus(5, ChronoUnit.DAYS).plusSeconds(7200),
                "Hội trường A",
                "Đồng chí Bí thư",
                "Các đồng chí Ủy viên",
                "Báo cáo quý IV",
                "Văn phòng, 0256 3822 000",
                NOW.plus(3, ChronoUnit.DAYS));
        List<Recipient> recipients = List.of(
                new Recipient("Ban Tổ chức", "bantochuc@example.vn"),
                new Recipient("Đảng ủy Sở Nội vụ", "snv@example.vn"),
                new Recipient("Ủy ban Kiểm tra", "ubkt@example.vn"));
        DraftContent content = new DraftContent(
                "Họp Ban Thường vụ",
                "# Nội dung\nDòng hai",
                recipients,
                "bithu",
                meeting,
                Urgency.THUONG_KHAN,
                false,
                Circulation.NOI_BO,
                List.of("- Như thành phần mời;", "- Lưu Văn phòng."),
                List.of("phobithu"),
                List.of(7L, 3L));
        store.insert(new DocumentVersion(id, 1, content, "chuyenvien", NOW));
        store.insert(new DocumentVersion(
                id, 2, new DraftContent("Bản hai", "Thân", List.of(), "phobithu", null), "chuyenvien", NOW));

        DocumentVersion first = store.findVersion(id, 1).orElseThrow();
        assertThat(first.content()).usingRecursiveComparison().isEqualTo(content);
        assertThat(first.getCreatedBy()).isEqualTo("chuyenvien");
        assertThat(first.getCreatedAt()).isEqualTo(NOW);
        assertThat(first.getRecipients())
                .extracting(Recipient::getEmail)
                .containsExactly("bantochuc@example.vn", "snv@example.vn", "ubkt@example.vn");

        DocumentVersion second = store.findVersion(id, 2).orElseThrow();
        assertThat(second.content().meeting()).isNull();
        assertThat(second.content().urgency()).isNull();
        assertThat(first.content().recipientGroups()).containsExactly(7L, 3L);
        assertThat(second.content().recipientGroups()).isEmpty();
        assertThat(second.getRecipients()).isEmpty();
        assertThat(store.versions(id)).extracting(DocumentVersion::getVersionNo).containsExactly(1, 2);
        assertThat(store.findVersion(id, 3)).isEmpty();
    }

    @Test
    void theHistoryComesInTheOrderItHappened() {
        long id = store.insert(new Document("GM", "chuyenvien", "bithu", NOW)).getId();
        store.insert(new DocumentEvent(id, NOW, "chuyenvien", "CREATED", 1, null));
        store.insert(new DocumentEvent(id, NOW, "chuyenvien", "SUBMITTED", 1, null));
        store.insert(new DocumentEvent(id, NOW.minusSeconds(1), "system", "EARLIER", null, "trước"));

        assertThat(store.events(id))
                .extracting(DocumentEvent::getAction)
                .containsExactly("EARLIER", "CREATED", "SUBMITTED");
        DocumentEvent earlier = store.events(id).get(0);
        assertThat(earlier.getVersionNo()).isNull();
        assertThat(earlier.getComment()).isEqualTo("trước");
        assertThat(earlier.getOccurredAt()).isEqualTo(NOW.minusSeconds(1));
    }
}
