package vn.vanthu.directory;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The demo users of DESIGN §5, password "demo", created in the embedded default only
 * (vanthu.demo-data=true; the prod profile turns it off). Idempotent: runs at every start.
 */
@Component
@ConditionalOnProperty(name = "vanthu.demo-data", havingValue = "true")
public class DemoDirectory {

    public static final String DEMO_PASSWORD = "demo";

    private static final Logger log = LoggerFactory.getLogger(DemoDirectory.class);

    record DemoUser(String id, String firstName, String lastName, String group, String position) {}

    static final List<DemoUser> USERS = List.of(
            new DemoUser("chuyenvien", "Trần Thị", "Bình", Groups.DRAFTERS, null),
            new DemoUser("chanhvanphong", "Phạm Quốc", "Dũng", Groups.REVIEWERS, null),
            // the first review level of the two-level route (bpmn/routes/two-level-review.bpmn)
            new DemoUser("phochanhvanphong", "Đặng Minh", "Tuấn", Groups.DEPUTY_REVIEWERS, null),
            // boards asked for their opinion in the consultation route (bpmn/routes/consultation.bpmn)
            new DemoUser("bantuyengiao", "Ban Tuyên giáo", "Đảng ủy Khối", Groups.BOARDS, null),
            new DemoUser("bantochuc", "Ban Tổ chức", "Đảng ủy Khối", Groups.BOARDS, null),
            new DemoUser("bithu", "Nguyễn Văn", "An", Groups.SIGNERS, "Bí thư"),
            new DemoUser("phobithu", "Lê Thị", "Hằng", Groups.SIGNERS, "Phó Bí thư"),
            new DemoUser("vanthu", "Võ Thị", "Lan", Groups.CLERKS, null),
            // the Chánh Văn phòng's signing account: signs invitations "T/L BAN THƯỜNG VỤ" (vanthu.rules.signers)
            new DemoUser("chanhvp", "Phạm Quốc", "Dũng", Groups.SIGNERS, "Chánh Văn phòng"));

    private final IdentityService identity;
    private final Directory directory;
    private final ApplicationGroups groups;

    public DemoDirectory(IdentityService identity, Directory directory, ApplicationGroups groups) {
        this.identity = identity;
        this.directory = directory;
        this.groups = groups;
    }

    /** Creates what is missing; returns the demo signers (see demo.DemoData). */
    @Transactional
    public List<Signer> ensureDemoUsers() {
        if (identity.isReadOnly()) {
            // a directory (vanthu.identity.mode=ldap): its users are its own; the demo signers found
            // there get their positions, which live in our table
            USERS.stream()
                    .filter(demo ->
                            demo.position() != null && directory.user(demo.id()).isPresent())
                    .forEach(demo -> directory.setPosition(demo.id(), demo.position()));
            return directory.signers();
        }
        groups.ensure(); // also at start (ApplicationGroups); here first, the demo users need them
        for (DemoUser demo : USERS) {
            if (identity.createUserQuery().userId(demo.id()).count() == 0) {
                User user = identity.newUser(demo.id());
                user.setFirstName(demo.firstName());
                user.setLastName(demo.lastName());
                user.setEmail(demo.id() + "@vanthu.local");
                user.setPassword(DEMO_PASSWORD);
                identity.saveUser(user);
                identity.createMembership(demo.id(), demo.group());
                log.info("Demo user {} ({}) created, password '{}'", demo.id(), demo.group(), DEMO_PASSWORD);
            }
            if (demo.position() != null) {
                directory.setPosition(demo.id(), demo.position());
            }
        }
        return directory.signers();
    }
}
