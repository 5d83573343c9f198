package dev.colossus.app;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Keeps the module arrows of the design (engine, social and studio stand alone; only app wires things) and the
 * modules' insides to themselves: the network's store, its search index and Lucene stay inside social, and SQL stays
 * in store packages.
 */
class ModuleDependencyTest {

    // Imported once for all rules: importing the whole code base is the slow part.
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.colossus");

    @Test
    void engineDependsOnNoOtherModule() {
        noClasses().that().resideInAPackage("dev.colossus.engine..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.colossus.social..", "dev.colossus.assistant..", "dev.colossus.studio..",
                        "dev.colossus.train..", "dev.colossus.app..")
                .allowEmptyShould(true).check(CLASSES);
    }

    @Test
    void socialDependsOnNoOtherModule() {
        noClasses().that().resideInAPackage("dev.colossus.social..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.colossus.engine..", "dev.colossus.assistant..", "dev.colossus.studio..",
                        "dev.colossus.train..", "dev.colossus.app..")
                .allowEmptyShould(true).check(CLASSES);
    }

    @Test
    void studioDependsOnNoOtherModule() {
        noClasses().that().resideInAPackage("dev.colossus.studio..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.colossus.engine..", "dev.colossus.social..", "dev.colossus.assistant..",
                        "dev.colossus.train..", "dev.colossus.app..")
                .allowEmptyShould(true).check(CLASSES);
    }

    @Test
    void trainDependsOnlyOnTheEngine() {
        noClasses().that().resideInAPackage("dev.colossus.train..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.colossus.social..", "dev.colossus.assistant..", "dev.colossus.studio..",
                        "dev.colossus.app..")
                .allowEmptyShould(true).check(CLASSES);
    }

    @Test
    void assistantDoesNotDependOnTheApp() {
        noClasses().that().resideInAPackage("dev.colossus.assistant..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.colossus.app..", "dev.colossus.train..")
                .allowEmptyShould(true).check(CLASSES);
    }

    @Test
    void noModuleButSocialReachesItsStoreItsSearchIndexOrLucene() {
        noClasses().that().resideOutsideOfPackage("dev.colossus.social..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.colossus.social.store..", "dev.colossus.social.search..", "org.apache.lucene..")
                .check(CLASSES);
    }

    /**
     * JDBC types only in store packages (dev.colossus.social.store, dev.colossus.assistant.store): services open
     * transactions ({@code Database.write}) and call store methods inside them, without exceptions.
     */
    @Test
    void sqlStaysInStorePackages() {
        noClasses().that().resideOutsideOfPackage("..store..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..")
                .check(CLASSES);
    }
}
