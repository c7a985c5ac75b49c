package vn.vanthu;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
// workflow.DeadlineEscalation's check of overdue tasks
@EnableScheduling
public class VanThuApplication {

    static {
        // Jakarta Mail 2.1 looks its StreamProvider up through ServiceLoader on every MimeMessage
        // and header operation (jakartaee/mail-api#861): a scan of the class path that took ~7 % of
        // the CPU of issuing documents. Naming the implementation makes that a Class.forName.
        if (System.getProperty("jakarta.mail.util.StreamProvider") == null) {
            System.setProperty("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

    public static void main(String[] args) {
        SpringApplication.run(VanThuApplication.class, args);
    }
}
