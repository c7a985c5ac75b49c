package vn.vanthu;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;
import vn.vanthu.support.BesideTheOthers;

/**
 * The feature packages are modules (Spring Modulith): no cycles between them, and no module uses
 * another's sub-packages (what a module offers is in its top package). On demand it also writes
 * the modules' documentation (PlantUML component diagrams and a canvas per module) into docs/modules.
 */
@BesideTheOthers // no Spring, nothing the others read
class ModularityTest {

    static final ApplicationModules MODULES = ApplicationModules.of(VanThuApplication.class);

    @Test
    void modulesVerify() {
        MODULES.verify();
    }

    /**
     * The modules with a second face: the interfaces they declare for the modules above to
     * implement, as the named interface {@code spi}, beside their top package.
     */
    @Test
    void theInterfacesToImplementAreASecondFace() {
        for (String module : java.util.List.of("document", "numbering", "monitoring")) {
            org.springframework.modulith.core.NamedInterfaces faces =
                    MODULES.getModuleByName(module).orElseThrow().getNamedInterfaces();
            org.assertj.core.api.Assertions.assertThat(faces.getByName("spi"))
                    .as(module + "'s spi")
                    .hasValueSatisfying(spi -> org.assertj.core.api.Assertions.assertThat(
                                    spi.asJavaClasses().map(c -> c.getPackageName()))
                            .containsOnly("vn.vanthu." + module + ".spi"));
            org.assertj.core.api.Assertions.assertThat(
                            faces.getUnnamedInterface().asJavaClasses())
                    .as(module + "'s top package is still its API")
                    .isNotEmpty();
        }
    }

    /**
     * The module map in docs/modules (which docs/architecture.md points to) is the code's: the
     * diagrams written now equal the ones in the docs; if not, write them again (below).
     */
    @Test
    void theModuleMapInTheDocsIsTheCodes() throws java.io.IOException {
        java.nio.file.Path now = java.nio.file.Path.of("target", "modules-now");
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(now.toString()))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml();
        java.util.List<java.nio.file.Path> diagrams;
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(now)) {
            diagrams =
                    files.filter(f -> f.toString().endsWith(".puml")).sorted().toList();
        }
        org.assertj.core.api.Assertions.assertThat(diagrams).hasSizeGreaterThan(10);
        for (java.nio.file.Path diagram : diagrams) {
            java.nio.file.Path documented =
                    java.nio.file.Path.of("docs", "modules").resolve(diagram.getFileName());
            org.assertj.core.api.Assertions.assertThat(documented).exists();
            // Modulith writes the same arrows in an order of its own from run to run
            org.assertj.core.api.Assertions.assertThat(java.nio.file.Files.readAllLines(documented))
                    .as(documented + " is stale: ./mvnw test -Dtest=ModularityTest -Dvanthu.docs=true writes it again")
                    .containsExactlyInAnyOrderElementsOf(java.nio.file.Files.readAllLines(diagram));
        }
    }

    /** {@code ./mvnw test -Dtest=ModularityTest -Dvanthu.docs=true}: not a test, so not in the default run. */
    @Test
    @EnabledIfSystemProperty(named = "vanthu.docs", matches = "true")
    void writeModuleDocumentation() {
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder("docs/modules"))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases();
    }
}
