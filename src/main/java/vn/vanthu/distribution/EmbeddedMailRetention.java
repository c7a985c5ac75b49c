package vn.vanthu.distribution;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Flags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the in-process mail server's memory bounded. GreenMail holds every email in memory, one
 * copy per recipient, for as long as the JVM runs; a demo instance left running (or one large
 * invitation: 2,000 copies of ~150 KB) would fill the heap. Beyond {@code keep} messages, the
 * oldest received are deleted, checked every {@code every}.
 */
final class EmbeddedMailRetention implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMailRetention.class);

    private final GreenMail server;
    private final int keep;
    private final ScheduledExecutorService timer;

    EmbeddedMailRetention(GreenMail server, int keep, Duration every) {
        if (keep < 1) {
            throw new IllegalArgumentException("vanthu.mail.embedded.keep-messages must be at least 1, is " + keep);
        }
        this.server = server;
        this.keep = keep;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mail-retention");
            t.setDaemon(true);
            return t;
        });
        long millis = every.toMillis();
        timer.scheduleWithFixedDelay(this::trimQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Deletes the oldest messages beyond the limit, in every mailbox of every user; returns how many. */
    int trim() throws FolderException {
        record Held(MailFolder folder, StoredMessage message) {}
        // one walk over every mailbox of every user (asking per user walks the whole tree each time)
        List<Held> all = new ArrayList<>();
        for (MailFolder folder :
                server.getManagers().getImapHostManager().getStore().listMailboxes("*")) {
            for (StoredMessage message : folder.getMessages()) {
                all.add(new Held(folder, message));
            }
        }
        int excess = all.size() - keep;
        if (excess <= 0) {
            return 0;
        }
        all.sort(Comparator.comparing((Held h) -> h.message().getReceivedDate())
                .thenComparingLong(h -> h.message().getUid()));
        Set<MailFolder> touched = new LinkedHashSet<>();
        Flags deleted = new Flags(Flags.Flag.DELETED);
        for (Held held : all.subList(0, excess)) {
            held.folder().setFlags(deleted, true, held.message().getUid(), null, false);
            touched.add(held.folder());
        }
        for (MailFolder folder : touched) {
            folder.expunge();
        }
        return excess;
    }

    private void trimQuietly() {
        try {
            int removed = trim();
            if (removed > 0) {
                log.info("In-process mail server: removed the {} oldest messages (keeps {})", removed, keep);
            }
        } catch (RuntimeException | FolderException e) {
            // the next round tries again; the mail server itself is unaffected
            log.warn("In-process mail server: could not trim the mailboxes", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
