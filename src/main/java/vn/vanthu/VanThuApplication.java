package vn.vanthu;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class VanThuApplication {

    public static void main(String[] args) {
        SpringApplication.run(VanThuApplication.class, args);
    }
}
