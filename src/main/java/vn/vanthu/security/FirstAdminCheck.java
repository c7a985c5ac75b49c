package vn.vanthu.security;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * In production the first administrator comes from configuration (VANTHU_ADMIN_USER and
 * VANTHU_ADMIN_PASSWORD, which application-prod.yaml hands to Camunda's camunda.bpm.admin-user, created
 * at start), never from the webapps' setup form, which whoever reached a fresh install first could use.
 * So prod refuses to start without one. A process engine plugin, so that it runs (is created) before the
 * engine is built and the starter would create, or skip, the admin.
 */
@Component
@Profile("prod")
class FirstAdminCheck extends AbstractProcessEnginePlugin {

    static final int MIN_PASSWORD_LENGTH = 12;

    @Autowired
    FirstAdminCheck(CamundaBpmProperties camunda) {
        this(
                camunda.getAdminUser() == null ? null : camunda.getAdminUser().getId(),
                camunda.getAdminUser() == null ? null : camunda.getAdminUser().getPassword());
    }

    FirstAdminCheck(String id, String password) {
        validate(id, password);
    }

    /** Throws with a message saying what to set when the first admin is missing or weak. */
    static void validate(String id, String password) {
        if (id == null || id.isBlank()) {
            throw new IllegalStateException("No first administrator: set VANTHU_ADMIN_USER and VANTHU_ADMIN_PASSWORD"
                    + " (camunda.bpm.admin-user.id/password). The prod profile does not start without one.");
        }
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new IllegalStateException(
                    "The first administrator's password (VANTHU_ADMIN_PASSWORD) must have at least "
                            + MIN_PASSWORD_LENGTH + " characters.");
        }
    }
}
