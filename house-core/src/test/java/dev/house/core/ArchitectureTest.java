package dev.house.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noCodeUnits;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of house-core, checked on its compiled classes (tests excluded): packages form no
 * cycle (the root package, the assembly, included: nothing below uses it), the I/O layer moves bytes
 * without knowing the features built on it, neither the handler API nor SSE channels (and their
 * broker contract) reach into the I/O layer or a protocol, only the protocols build requests as
 * received, and the exported API names no I/O type.
 */
class ArchitectureTest {
    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.house.core");
    }

    /** One slice per top-level package of the core, the root package (the assembly) being one of them. */
    private static final SliceAssignment PACKAGES = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass c) {
            String pkg = c.getPackageName();
            if (pkg.equals("dev.house.core")) {
                return SliceIdentifier.of("dev.house.core (root)");
            }
            if (!pkg.startsWith("dev.house.core.")) {
                return SliceIdentifier.ignore();
            }
            String rest = pkg.substring("dev.house.core.".length());
            int dot = rest.indexOf('.');
            return SliceIdentifier.of(dot < 0 ? rest : rest.substring(0, dot));
        }

        @Override
        public String getDescription() {
            return "house-core's packages, the root package included";
        }
    };

    @Test
    void packagesHaveNoCyclesTheRootPackageIncluded() {
        slices().assignedFrom(PACKAGES).should().beFreeOfCycles().check(core);
    }

    /**
     * Every package says in its {@code package-info.java} what it may use, so the rules these tests
     * check are written down where someone changing the package reads them. Reads the sources
     * (a package-info without annotations compiles to nothing); the working directory is the module.
     */
    @Test
    void everyPackageSaysWhatItMayUse() throws IOException {
        List<String> missing = new ArrayList<>();
        for (String pkg : core.stream().map(JavaClass::getPackageName).distinct().sorted().toList()) {
            Path info = Path.of("src/main/java", pkg.replace('.', '/'), "package-info.java");
            if (!Files.exists(info) || !Files.readString(info).contains("May use")) {
                missing.add(pkg);
            }
        }
        assertThat(missing).as("packages whose package-info.java does not say what they may use").isEmpty();
    }

    @Test
    void noPackageDependsOnTheAssemblyInTheRootPackage() {
        noClasses().that().resideInAPackage("dev.house.core.*..")
                .should().dependOnClassesThat().resideInAPackage("dev.house.core")
                .check(core);
    }

    @Test
    void onlyTheProtocolsBuildRequestsAsReceived() {
        noClasses().that().resideOutsideOfPackages("dev.house.core.http", "dev.house.core.http.internal",
                        "dev.house.core.http1..", "dev.house.core.http2..")
                .should().dependOnClassesThat().resideInAPackage("dev.house.core.http.internal..")
                .check(core);
    }

    /**
     * What an application can call names no type of the I/O layer, so {@code io} stays out of the
     * module's exports (loops appear as {@code http.StreamExecutor}).
     */
    @Test
    void publicApiOutsideIoNamesNoIoType() throws IOException {
        noCodeUnits().that().areDeclaredInClassesThat()
                .resideInAnyPackage(exportedPackages())
                .and().areDeclaredInClassesThat().arePublic()
                .and().arePublic()
                .should(nameAnIoTypeInTheirSignature())
                .check(core);
    }

    /** The packages module-info exports. */
    private static String[] exportedPackages() throws IOException {
        URL classes = HouseServer.class.getProtectionDomain().getCodeSource().getLocation();
        try (InputStream in = new URL(classes, "module-info.class").openStream()) {
            return ModuleDescriptor.read(in).exports().stream()
                    .map(ModuleDescriptor.Exports::source)
                    .toArray(String[]::new);
        }
    }

    private static ArchCondition<JavaCodeUnit> nameAnIoTypeInTheirSignature() {
        return new ArchCondition<>("name a type of dev.house.core.io in their signature") {
            @Override
            public void check(JavaCodeUnit unit, ConditionEvents events) {
                Stream.concat(Stream.of(unit.getReturnType()), unit.getParameterTypes().stream())
                        .flatMap(type -> type.getAllInvolvedRawTypes().stream())
                        .filter(type -> type.getPackageName().startsWith("dev.house.core.io"))
                        .distinct()
                        .forEach(type -> events.add(SimpleConditionEvent.satisfied(unit,
                                unit.getFullName() + " names " + type.getName())));
            }
        };
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
    void sseAndItsBrokerContractDoNotDependOnTheIoLayer() {
        // Loops are named by http.StreamExecutor, so brokers need no io type and io can stay unexported.
        noClasses().that().resideInAPackage("dev.house.core.sse..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.house.core.io..", "dev.house.core.http1..")
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
