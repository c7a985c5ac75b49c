package vn.vanthu.distribution;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Reading calendar clients' answers from the office's mailbox ({@code vanthu.mail.replies.*}).
 *
 * @param enabled   poll at all
 * @param pollEvery the pause between two reads of the mailbox
 * @param host      the IMAP server; empty on the embedded default: the in-process server's IMAP,
 *                  as the office's address ({@code vanthu.mail.from}); empty with a relay: no polling
 * @param port      its port (default 993 for imaps, 143 for imap)
 * @param protocol  imaps (default) or imap
 * @param username  the mailbox's login; empty: the office's address
 * @param password  its password (from the environment, never in the repository)
 * @param folder    the folder the replies arrive in, INBOX by default
 */
@ConfigurationProperties("vanthu.mail.replies")
record ReplySettings(
        Boolean enabled,
        Duration pollEvery,
        String host,
        Integer port,
        String protocol,
        String username,
        String password,
        String folder) {

    public ReplySettings {
        enabled = enabled == null || enabled;
        pollEvery = pollEvery == null ? Duration.ofMinutes(1) : pollEvery;
        protocol = protocol == null || protocol.isBlank() ? "imaps" : protocol.trim();
        folder = folder == null || folder.isBlank() ? "INBOX" : folder.trim();
    }
}
