package io.github.checklyotel.autoconfigure.internal.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.spring.autoconfigure.OpenTelemetryAutoConfiguration;
import io.opentelemetry.semconv.ServiceAttributes;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.core.io.ClassPathResource;

/**
 * {@link OpenTelemetryVersions} and {@link OpenTelemetryVersionFailureAnalyzer}. Older versions on
 * a real class path are tested by the {@code integration-tests/without-bom} applications.
 */
class OpenTelemetryVersionsTests {

  private static final String CORE = StarterBuild.opentelemetryVersion();

  private static final ClassLoader LOADER = OpenTelemetryVersionsTests.class.getClassLoader();

  @Test
  void theBuildsVersionsAreTheOnesOnItsClassPath() {
    // The versions written into the jar come from the root POM; this catches them drifting from
    // what OpenTelemetry's BOM resolves, and shows each library's version is found where it is.
    assertThat(OpenTelemetryVersions.libraries())
        .allSatisfy(
            (library) ->
                assertThat(OpenTelemetryVersions.versionOf(library, LOADER))
                    .as(library.artifact())
                    .isEqualTo(library.release().needed()));
    assertThat(StarterBuild.opentelemetryVersion())
        .isEqualTo(OpenTelemetry.class.getPackage().getImplementationVersion());
    assertThat(StarterBuild.semconvVersion())
        .isEqualTo(ServiceAttributes.class.getPackage().getImplementationVersion());
    assertThat(StarterBuild.instrumentationVersion())
        .isEqualTo(OpenTelemetryAutoConfiguration.class.getPackage().getImplementationVersion());
  }

  @Test
  void passesOnTheVersionsItWasBuiltWith() {
    assertThatNoException().isThrownBy(() -> OpenTelemetryVersions.check(LOADER));
  }

  @Test
  void aMissingLibraryIsNotJudged() {
    // An application may leave out OpenTelemetry's Spring Boot starter, or run on an SDK without
    // opentelemetry-common, whose older SDK libraries are then what the check reports.
    FilteredClassLoader without =
        new FilteredClassLoader(
            new ClassPathResource(resourceOf("opentelemetry-common")),
            new ClassPathResource(resourceOf("opentelemetry-spring-boot-autoconfigure")));
    assertThat(OpenTelemetryVersions.versionOf(library("opentelemetry-common"), without)).isNull();
    assertThatNoException().isThrownBy(() -> OpenTelemetryVersions.check(without));
  }

  @Test
  void aManifestThatDoesNotNameTheLibraryIsNotBelieved() {
    // As in a jar that merges libraries under its own manifest: OpenTelemetry's API is in a jar
    // whose manifest names another module, so it says nothing about the semantic conventions.
    OpenTelemetryVersions.Library misplaced =
        new OpenTelemetryVersions.Library(
            "opentelemetry-semconv",
            OpenTelemetryVersions.Release.SEMCONV,
            OpenTelemetry.class.getName(),
            null);
    assertThat(OpenTelemetryVersions.versionOf(misplaced, LOADER)).isNull();
  }

  @Test
  void olderVersionsFailAndAreEachNamed() {
    assertThatExceptionOfType(OpenTelemetryVersionException.class)
        .isThrownBy(() -> check(Map.of("core", "1.55.0", "semconv", "1.37.0", "spring", "2.31.1")))
        .satisfies(
            (ex) ->
                assertThat(ex.getProblems())
                    .contains(
                        "opentelemetry-api 1.55.0 (needs " + CORE + " or later)",
                        "opentelemetry-sdk-trace 1.55.0 (needs " + CORE + " or later)",
                        "opentelemetry-semconv 1.37.0 (needs "
                            + StarterBuild.semconvVersion()
                            + " or later)")
                    .noneMatch((problem) -> problem.contains("spring-boot-autoconfigure"))
                    .noneMatch((problem) -> problem.contains("different releases")));
  }

  @Test
  void newerVersionsPass() {
    assertThatNoException()
        .isThrownBy(() -> check(Map.of("core", "1.66.0", "semconv", "1.44.0", "spring", "2.32.0")));
  }

  @Test
  void patchReleasesOfOneMinorReleaseMix() {
    assertThatNoException()
        .isThrownBy(
            () ->
                check(
                    Map.of(
                        "api", "1.66.1", "core", "1.66.0", "semconv", "1.43.0", "spring",
                        "2.31.1")));
  }

  @Test
  void mixedReleasesOfOpenTelemetryJavaFail() {
    // All recent enough, but not one release: the API at one version, the rest at another.
    assertThatExceptionOfType(OpenTelemetryVersionException.class)
        .isThrownBy(
            () ->
                check(
                    Map.of("api", "1.66.0", "core", CORE, "semconv", "1.43.0", "spring", "2.31.1")))
        .satisfies(
            (ex) ->
                assertThat(ex.getProblems())
                    .singleElement()
                    .asString()
                    .startsWith("OpenTelemetry Java's libraries are of different releases:")
                    .contains("opentelemetry-api 1.66.0", "opentelemetry-context " + CORE));
  }

  /**
   * Runs the check with versions by library: {@code api} for the API alone, else {@code core};
   * {@code semconv}; {@code spring} for OpenTelemetry's Spring Boot starter.
   */
  private static void check(Map<String, String> versions) {
    OpenTelemetryVersions.check(
        (library) ->
            switch (library.release()) {
              case SEMCONV -> versions.get("semconv");
              case INSTRUMENTATION -> versions.get("spring");
              case CORE ->
                  (library.artifact().equals("opentelemetry-api") && versions.containsKey("api"))
                      ? versions.get("api")
                      : versions.get("core");
            });
  }

  private static OpenTelemetryVersions.Library library(String artifact) {
    return OpenTelemetryVersions.libraries().stream()
        .filter((library) -> library.artifact().equals(artifact))
        .findFirst()
        .orElseThrow();
  }

  private static String resourceOf(String artifact) {
    return library(artifact).source();
  }

  @Test
  void comparesTheNumbersOfVersions() {
    assertThat(OpenTelemetryVersions.compare("1.65.0", "1.65.0")).isZero();
    assertThat(OpenTelemetryVersions.compare("1.55.0", "1.65.0")).isNegative();
    assertThat(OpenTelemetryVersions.compare("1.100.0", "1.65.0")).isPositive();
    assertThat(OpenTelemetryVersions.compare("2.0", "1.65.0")).isPositive();
    assertThat(OpenTelemetryVersions.compare("1.65", "1.65.0")).isZero();
    assertThat(OpenTelemetryVersions.compare("1.65.1", "1.65")).isPositive();
    assertThat(OpenTelemetryVersions.compare("1.43.0-alpha", "1.43.0")).isZero();
    assertThat(OpenTelemetryVersions.compare("1.66.0-SNAPSHOT", "1.65.0")).isPositive();
    assertThat(OpenTelemetryVersions.compare("99999999999.0", "1.65.0")).isPositive();
    assertThat(OpenTelemetryVersions.compare("", "1.65.0")).isNegative();
  }

  @Test
  void theAnalysisNamesTheVersionsAndTheBomToImport() {
    OpenTelemetryVersionException failure =
        new OpenTelemetryVersionException(
            java.util.List.of("opentelemetry-api 1.55.0 (needs 1.65.0 or later)"),
            "1.65.0",
            "2.31.1");
    FailureAnalysis analysis = new OpenTelemetryVersionFailureAnalyzer().analyze(failure);
    assertThat(analysis.getDescription())
        .contains("OpenTelemetry 1.65.0 or later")
        .contains("instrumentation BOM 2.31.1")
        .contains("\n    opentelemetry-api 1.55.0 (needs 1.65.0 or later)");
    assertThat(analysis.getAction())
        .contains("<artifactId>opentelemetry-instrumentation-bom</artifactId>")
        .contains("<version>2.31.1</version>")
        .contains("<scope>import</scope>")
        .contains(
            "mavenBom(\"io.opentelemetry.instrumentation:opentelemetry-instrumentation-bom:2.31.1\")")
        .contains(
            "platform(\"io.opentelemetry.instrumentation:opentelemetry-instrumentation-bom:2.31.1\")");
    assertThat(analysis.getCause()).isSameAs(failure);
  }
}
