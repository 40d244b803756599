package org.tipline;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.persistence.Entity;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

/**
 * The layout's rules, checked on the compiled main classes: the tipster side and the office
 * side are two rooms that share only the tip, the platform and the cryptography; Tink is
 * used only where keys are sealed, opened and kept; resources are thin.
 */
class ArchitectureTests {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("org.tipline");

    @Test
    void noPackageDependsOnItselfThroughOthers() {
        check(slices().matching("org.tipline.(**)").should().beFreeOfCycles());
    }

    @Test
    void theTipsterSideUsesNeitherTheOfficeSideNorHibernate() {
        check(noClasses().that().resideInAPackage("org.tipline.tipster..")
                .should().dependOnClassesThat().resideInAnyPackage("org.tipline.office..", "org.hibernate..",
                        "io.quarkus.hibernate..", "jakarta.persistence..")
                .orShould().dependOnClassesThat().areAnnotatedWith(Entity.class)
                .because("the internet-facing intake role holds no entity machinery and nothing of the office"));
    }

    @Test
    void theOfficeSideNeverCallsIntoTheTipsterSide() {
        check(noClasses().that().resideInAPackage("org.tipline.office..")
                .should().dependOnClassesThat().resideInAPackage("org.tipline.tipster..")
                .because("what both sides need lives in tip/, crypto/ or platform/"));
    }

    @Test
    void theSharedRoomsKnowNeitherSide() {
        check(noClasses().that().resideInAnyPackage("org.tipline.tip..", "org.tipline.crypto..", "org.tipline.keys..",
                        "org.tipline.platform..")
                .should().dependOnClassesThat().resideInAnyPackage("org.tipline.tipster..", "org.tipline.office..",
                        "org.tipline.cli.."));
    }

    @Test
    void onlyCryptoAndKeysUseTink() {
        check(noClasses().that().resideOutsideOfPackages("org.tipline.crypto..", "org.tipline.keys..")
                .should().dependOnClassesThat().resideInAPackage("com.google.crypto.tink..")
                .because("every seal and open is in crypto/, and key custody in keys/"));
    }

    @Test
    void onlyKeysReachACloudKms() {
        check(noClasses().that().resideOutsideOfPackage("org.tipline.keys..")
                .should().dependOnClassesThat().resideInAnyPackage("software.amazon..", "com.google.api..",
                        "com.google.cloud..", "com.google.crypto.tink.integration..")
                .because("a KMS holds only the office key-encryption key, which only key custody uses"));
    }

    @Test
    void theAwsSdkForJava1IsNeitherUsedNorShipped() throws Exception {
        // AWS ended its support at the end of 2025; AWS KMS is reached with SDK 2.x (keys/AwsKmsKeyClient).
        check(noClasses().should().dependOnClassesThat().resideInAPackage("com.amazonaws.."));
        for (String v1 : new String[] {"com.amazonaws.SDKGlobalConfiguration", "com.amazonaws.services.kms.AWSKMS",
                "com.google.crypto.tink.integration.awskms.AwsKmsClient"}) {
            assertThatThrownBy(() -> Class.forName(v1, false, getClass().getClassLoader())).as(v1)
                    .isInstanceOf(ClassNotFoundException.class);
        }
    }

    @Test
    void resourcesCallServicesNotRepositories() {
        check(noClasses().that().areAnnotatedWith(Path.class)
                .should().dependOnClassesThat().areAssignableTo(PanacheRepositoryBase.class)
                .orShould().dependOnClassesThat().haveSimpleNameEndingWith("Repository")
                .because("a resource maps HTTP to one service call; the service owns the logic and the queries"));
    }

    @Test
    void servicesSpeakTheDomainAndOnlyResourcesAndThePlatformSpeakHttp() {
        check(noClasses().that().resideInAnyPackage("org.tipline.tip..", "org.tipline.tipster..", "org.tipline.office..",
                        "org.tipline.crypto..", "org.tipline.keys..")
                .and().areNotAnnotatedWith(Path.class)
                .should().dependOnClassesThat().resideInAPackage("org.tipline.platform.problem..")
                .because("services throw refusals (platform/refusal); platform/problem alone turns them into "
                        + "statuses, problem documents and headers"));
    }

    @Test
    void everyResourceLivesInTheRoomOfTheRoleThatServesIt() {
        // platform/http/RoleResources decides a resource's role by its room; only the public
        // office key, which both roles serve, lives elsewhere.
        check(classes().that().areAnnotatedWith(Path.class).and().doNotHaveFullyQualifiedName(
                        "org.tipline.crypto.OfficeKeyResource")
                .should().resideInAnyPackage("org.tipline.tipster..", "org.tipline.office.."));
    }

    private static void check(ArchRule rule) {
        rule.check(MAIN);
    }
}
