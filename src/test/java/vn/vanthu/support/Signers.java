package vn.vanthu.support;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import vn.vanthu.directory.Directory;
import vn.vanthu.directory.Groups;

/** A leader the tests add: an account (password "demo") in the signers' group with a position; no key. */
public final class Signers {

    private Signers() {}

    public static void create(
            IdentityService identity, Directory directory, String id, String first, String last, String position) {
        User user = identity.newUser(id);
        user.setFirstName(first);
        user.setLastName(last);
        user.setEmail(id + "@vanthu.local");
        user.setPassword("demo");
        identity.saveUser(user);
        identity.createMembership(id, Groups.SIGNERS);
        directory.setPosition(id, position);
    }
}
