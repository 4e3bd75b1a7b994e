package ai.hyperion;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package layering of DESIGN.md §3, checked on the compiled main classes: no package cycles,
 * upstream adapters know nothing of the pipeline or the client side, and they do not know each
 * other (gcp and sse are shared helpers of the adapters, not adapters).
 */
class ArchitectureTest {

  private static final List<String> ADAPTERS = List.of("openai", "anthropic", "gemini", "bedrock");

  private static JavaClasses main;

  @BeforeAll
  static void importMainClasses() {
    main =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("ai.hyperion");
  }

  @Test
  void noPackageDependsOnItselfThroughOthers() {
    slices().matching("ai.hyperion.(**)").should().beFreeOfCycles().check(main);
  }

  @Test
  void providersKnowNothingAboveThem() {
    noClasses()
        .that()
        .resideInAPackage("ai.hyperion.provider..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "ai.hyperion.api..",
            "ai.hyperion.pipeline..",
            "ai.hyperion.gateway..",
            "ai.hyperion.routing..",
            "ai.hyperion.policy..",
            "ai.hyperion.cache..",
            "ai.hyperion.stream..",
            "ai.hyperion.auth..",
            "ai.hyperion.tenancy..",
            "ai.hyperion.admin..")
        .check(main);
  }

  @Test
  void adaptersDoNotUseEachOther() {
    for (String adapter : ADAPTERS) {
      String[] others =
          ADAPTERS.stream()
              .filter(other -> !other.equals(adapter))
              .map(other -> "ai.hyperion.provider." + other + "..")
              .toArray(String[]::new);
      noClasses()
          .that()
          .resideInAPackage("ai.hyperion.provider." + adapter + "..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(others)
          .check(main);
    }
  }

  @Test
  void clientDialectsDoNotReachIntoAdapters() {
    noClasses()
        .that()
        .resideInAnyPackage("ai.hyperion.api..", "ai.hyperion.stream..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            ADAPTERS.stream().map(a -> "ai.hyperion.provider." + a + "..").toArray(String[]::new))
        .check(main);
  }
}
