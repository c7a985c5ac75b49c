package vn.vanthu.distribution;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.mail.MailProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * The embedded default's mail: when spring.mail.host is not set, an in-process GreenMail server
 * (SMTP and IMAP on loopback) receives every email, so a new user can see what recipients get.
 * When spring.mail.host is set, {@link RelayMailConfiguration} sends to that server instead.
 * Never in {@code prod}: each node would keep its own mailbox on fixed ports ({@link RelayRequired}).
 */
@Configuration
@org.springframework.context.annotation.Profile("!prod")
@EnableConfigurationProperties(MailProperties.class)
@ConditionalOnExpression("'${spring.mail.host:}'.isEmpty()")
class MailConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MailConfiguration.class);

    @Bean(destroyMethod = "stop")
    GreenMail embeddedMailServer(MailSettings settings) {
        int smtpPort = settings.embedded().smtpPort();
        int imapPort = settings.embedded().imapPort();
        ServerSetup smtp = new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        ServerSetup imap = new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP);
        GreenMail greenMail = new GreenMail(
                new ServerSetup[] {smtpPort == 0 ? smtp.dynamicPort() : smtp, imapPort == 0 ? imap.dynamicPort() : imap
                });
        // any IMAP login is accepted; the mailbox of each address exists as soon as mail reaches it
        greenMail.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        greenMail.start();
        log.info(
                "In-process mail server: SMTP 127.0.0.1:{}, IMAP 127.0.0.1:{} (user = recipient address, any password)",
                greenMail.getSmtp().getPort(),
                greenMail.getImap().getPort());
        return greenMail;
    }

    @Bean(destroyMethod = "close")
    EmbeddedMailRetention embeddedMailRetention(GreenMail server, MailSettings settings) {
        return new EmbeddedMailRetention(
                server, settings.embedded().keepMessages(), settings.embedded().trimEvery());
    }

    @Bean
    JavaMailSender embeddedMailSender(GreenMail server, MailProperties mail, MailConnectionSettings pool) {
        PooledMailSender sender = pool.newSender();
        sender.setHost("127.0.0.1");
        sender.setPort(server.getSmtp().getPort());
        sender.setDefaultEncoding("UTF-8");
        Properties properties = new Properties();
        properties.putAll(mail.getProperties());
        sender.setJavaMailProperties(properties);
        return sender;
    }
}
