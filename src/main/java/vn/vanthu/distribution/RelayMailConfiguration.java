package vn.vanthu.distribution;

import java.util.Properties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.mail.MailProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Production mail: the relay named by spring.mail.* (host, port, username, password, protocol,
 * properties — as Spring Boot would configure its own sender), through kept-open connections.
 */
@Configuration
@EnableConfigurationProperties(MailProperties.class)
@ConditionalOnExpression("!'${spring.mail.host:}'.isEmpty()")
class RelayMailConfiguration {

    @Bean
    JavaMailSender relayMailSender(MailProperties mail, MailConnectionSettings pool) {
        PooledMailSender sender = pool.newSender();
        sender.setHost(mail.getHost());
        if (mail.getPort() != null) {
            sender.setPort(mail.getPort());
        }
        sender.setUsername(mail.getUsername());
        sender.setPassword(mail.getPassword());
        sender.setProtocol(mail.getProtocol());
        if (mail.getDefaultEncoding() != null) {
            sender.setDefaultEncoding(mail.getDefaultEncoding().name());
        }
        Properties properties = new Properties();
        properties.putAll(mail.getProperties());
        sender.setJavaMailProperties(properties);
        return sender;
    }
}
