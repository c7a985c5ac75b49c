package vn.vanthu.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The signing beans wire from properties alone (SigningKeys enables SigningProperties itself). */
class SigningWiringTest {

    /** The seal's caption breaks the issuing body's name where vanthu.rules says. */
    @org.springframework.boot.context.properties.EnableConfigurationProperties(vn.vanthu.document.DocumentRules.class)
    static class PrintRulesSettings {}

    @Test
    void beansWireInDemoMode(@TempDir Path dir) {
        new ApplicationContextRunner()
                .withUserConfiguration(
                        SigningKeys.class,
                        TimestampAuthority.class,
                        SignatureImages.class,
                        DocumentSigner.class,
                        SignatureVerifier.class,
                        PrintRulesSettings.class)
                .withPropertyValues("vanthu.data-dir=" + dir, "vanthu.signing.organisation-name=Đảng ủy Khối")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    SigningKeys keys = context.getBean(SigningKeys.class);
                    assertThat(keys.demoMode()).isTrue();
                    assertThat(keys.organisationAlias()).isEqualTo("organisation");
                    assertThat(keys.organisation().displayName()).isEqualTo("Đảng ủy Khối");
                    assertThat(Files.exists(dir.resolve("keys/demo-keys.p12"))).isTrue();
                    assertThat(context).hasSingleBean(DocumentSigner.class).hasSingleBean(SignatureVerifier.class);
                });
    }

    @Test
    void theStartMakesNoKeyAndTheWarmUpMakesThemAfterIt(@TempDir Path dir) {
        new ApplicationContextRunner()
                .withUserConfiguration(
                        SigningKeys.class,
                        TimestampAuthority.class,
                        SignatureImages.class,
                        DocumentSigner.class,
                        SignatureVerifier.class,
                        PrintRulesSettings.class,
                        SigningWarmUp.class)
                .withPropertyValues("vanthu.data-dir=" + dir)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(dir.resolve("keys/demo-keys.p12")).doesNotExist();
                    context.publishEvent(new ApplicationReadyEvent(
                            new SpringApplication(),
                            new String[0],
                            context.getSourceApplicationContext(),
                            Duration.ZERO));
                    Awaitility.await()
                            .atMost(Duration.ofSeconds(60))
                            .until(() -> Files.exists(dir.resolve("keys/demo-keys.p12")));
                    // the warm-up goes on writing after the keys; the temporary folder goes when it ends
                    Awaitility.await()
                            .atMost(Duration.ofSeconds(60))
                            .until(context.getBean(SigningWarmUp.class)::finished);
                });
    }
}
