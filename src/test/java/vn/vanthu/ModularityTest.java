package vn.vanthu;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The feature packages are modules (Spring Modulith): no cycles between them, and no module uses
 * another's sub-packages (what a module offers is in its top package). On demand it also writes
 * the modules' documentation (PlantUML component diagrams and a canvas per module) into docs/modules.
 */
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
