package dev.house.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of house-core, checked on its compiled classes (tests excluded): capability
 * packages form no cycle, the I/O layer moves bytes without knowing the features built on it,
 * and the handler API does not reach into the I/O layer.
 */
class ArchitectureTest {
    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.house.core");
    }

    @Test
    void capabilityPackagesHaveNoCycles() {
        slices().matching("dev.house.core.(*)..").should().beFreeOfCycles().check(core);
    }

    @Test
    void ioKnowsNoFeatureAndNoHttpVersion() {
        noClasses().that().resideInAPackage("dev.house.core.io..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.house.core.handler..", "dev.house.core.sse..", "dev.house.core.files..",
                        "dev.house.core.session..", "dev.house.core.cors..", "dev.house.core.multipart..",
                        "dev.house.core.http1..", "dev.house.core.http2..")
                .check(core);
    }

    @Test
    void httpApiDoesNotDependOnTheIoLayerOrAProtocol() {
        noClasses().that().resideInAPackage("dev.house.core.http")
                .should().dependOnClassesThat().resideInAnyPackage("dev.house.core.io..", "dev.house.core.http1..",
                        "dev.house.core.http2..")
                .check(core);
    }
}
