package dev.house.spring;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.house.core.HouseServer;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URL;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The starter is a client of house-core like any application: it may use only the packages
 * house-core's module descriptor exports, so the core's internals stay free to change.
 */
class ExportedApiTests {
    /** Imported once: reading the starter's classes is the slow part on a busy machine. */
    private static JavaClasses starter;

    @BeforeAll
    static void importStarter() {
        starter = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.house.spring");
    }

    @Test
    void starterUsesOnlyPackagesHouseCoreExports() throws IOException {
        Set<String> exported = exportedPackagesOfHouseCore();
        assertThat(exported).contains("dev.house.core.http")
                .doesNotContain("dev.house.core.http1", "dev.house.core.http2", "dev.house.core.http.internal");

        noClasses().that().resideInAPackage("dev.house.spring..")
                .should().dependOnClassesThat(inHouseCoreButNotIn(exported))
                .check(starter);
    }

    /**
     * The starter needs nothing of the I/O layer (workers come from {@code dev.house.core.Workers},
     * loop health from {@code HouseServer}, brokers name loops by {@code StreamExecutor}), which is
     * what lets house-core keep {@code io} unexported.
     */
    @Test
    void starterUsesNoTypeOfTheIoLayer() {
        noClasses().that().resideInAPackage("dev.house.spring..")
                .should().dependOnClassesThat().resideInAPackage("dev.house.core.io..")
                .check(starter);
    }

    /** The Redis broker is written against the broker contract, never a protocol or the loops. */
    @Test
    void redisBrokerUsesTheBrokerContractAndNoIoType() {
        JavaClasses redis = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.house.spring.redis");

        noClasses().that().resideInAPackage("dev.house.spring.redis..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.house.core.io..", "dev.house.core.http1..",
                        "dev.house.core.http2..")
                .check(redis);
    }

    private static DescribedPredicate<JavaClass> inHouseCoreButNotIn(Set<String> exported) {
        return DescribedPredicate.describe("are in a house-core package it does not export " + exported,
                c -> c.getPackageName().startsWith("dev.house.core") && !exported.contains(c.getPackageName()));
    }

    /** Read from the module-info.class next to house-core's classes (a jar or a directory). */
    private static Set<String> exportedPackagesOfHouseCore() throws IOException {
        URL location = HouseServer.class.getProtectionDomain().getCodeSource().getLocation();
        String base = location.toString();
        URL descriptor = new URL(base.endsWith(".jar") ? "jar:" + base + "!/module-info.class"
                : base + (base.endsWith("/") ? "" : "/") + "module-info.class");
        try (InputStream in = descriptor.openStream()) {
            return ModuleDescriptor.read(in).exports().stream()
                    .map(ModuleDescriptor.Exports::source)
                    .collect(Collectors.toSet());
        }
    }
}
