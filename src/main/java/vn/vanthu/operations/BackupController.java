package vn.vanthu.operations;

import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.vanthu.document.AccessPolicy;
import vn.vanthu.document.AccessPolicy.Action;
import vn.vanthu.security.Caller;

/**
 * POST /api/admin/backup: an online backup of the embedded H2 database and the shared folder, for
 * administrators (scripts/backup-h2.sh calls it from cron). Takes no input: the file name is the
 * server's. 409 on PostgreSQL (pg_dump) or while a backup runs.
 */
@RestController
class BackupController {

    private final H2Backup backup;
    private final AccessPolicy access;

    BackupController(H2Backup backup, AccessPolicy access) {
        this.backup = backup;
        this.access = access;
    }

    @PostMapping("/api/admin/backup")
    Map<String, Object> backup(Authentication auth) {
        access.check(Caller.of(auth), Action.MAKE_BACKUP);
        H2Backup.Result result = backup.backup();
        return Map.of(
                "file",
                result.file().toString(),
                "bytes",
                result.bytes(),
                "millis",
                result.took().toMillis());
    }
}
