package io.github.checklyotel.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Checks, before any OpenTelemetry class is used, that the OpenTelemetry libraries on the class
 * path are the ones the starter was built with or later, and not a mix of releases.
 *
 * <p>Without OpenTelemetry's BOM, Spring Boot's dependency management downgrades OpenTelemetry's
 * API and SDK below what OpenTelemetry's Spring Boot starter needs, and the application fails deep
 * inside OpenTelemetry with a missing class. Each library is identified by one class of its own,
 * loaded without being initialised, and its version read from its jar's manifest. A library whose
 * version cannot be read (classes outside a jar, a repackaged jar) is not judged.
 */
final class OpenTelemetryVersions {

  /** What a library is released with, and so which version of the starter's build it needs. */
  private enum Release {
    /** OpenTelemetry Java: API, SDK and exporters, all at one version. */
    CORE,
    /** The semantic conventions. */
    SEMCONV,
    /** OpenTelemetry's Java instrumentation, with its Spring Boot starter. */
    INSTRUMENTATION;

    String needed() {
      return switch (this) {
        case CORE -> StarterBuild.opentelemetryVersion();
        case SEMCONV -> StarterBuild.semconvVersion();
        case INSTRUMENTATION -> StarterBuild.instrumentationVersion();
      };
    }
  }

  /** A library, the class that identifies it, and the release it belongs to. */
  private record Library(String artifact, String probe, Release release) {}

  private static final List<Library> LIBRARIES =
      List.of(
          new Library("opentelemetry-api", "io.opentelemetry.api.OpenTelemetry", Release.CORE),
          new Library("opentelemetry-context", "io.opentelemetry.context.Context", Release.CORE),
          new Library(
              "opentelemetry-common", "io.opentelemetry.common.ComponentLoader", Release.CORE),
          new Library(
              "opentelemetry-sdk-common",
              "io.opentelemetry.sdk.common.CompletableResultCode",
              Release.CORE),
          new Library(
              "opentelemetry-sdk-trace",
              "io.opentelemetry.sdk.trace.SdkTracerProvider",
              Release.CORE),
          new Library(
              "opentelemetry-sdk-extension-autoconfigure",
              "io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk",
              Release.CORE),
          new Library(
              "opentelemetry-exporter-otlp",
              "io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter",
              Release.CORE),
          new Library(
              "opentelemetry-semconv",
              "io.opentelemetry.semconv.ServiceAttributes",
              Release.SEMCONV),
          new Library(
              "opentelemetry-spring-boot-autoconfigure",
              "io.opentelemetry.instrumentation.spring.autoconfigure.OpenTelemetryAutoConfiguration",
              Release.INSTRUMENTATION));

  private OpenTelemetryVersions() {}

  /** The classes the check loads, which OpenTelemetry's starter loads anyway, soon after. */
  static List<String> probedClasses() {
    return LIBRARIES.stream().map(Library::probe).toList();
  }

  /**
   * Throws {@link OpenTelemetryVersionException} if a library {@code classLoader} sees is older
   * than the starter was built with, or of another OpenTelemetry release than the rest.
   */
  static void check(ClassLoader classLoader) {
    check(classLoader, OpenTelemetryVersions::implementationVersion);
  }

  /** The version its jar's manifest gives a class, or {@code null}. */
  private static String implementationVersion(Class<?> type) {
    Package pkg = type.getPackage();
    return (pkg != null) ? pkg.getImplementationVersion() : null;
  }

  /** {@link #check(ClassLoader)}, with the versions read by {@code versionOf}. */
  static void check(ClassLoader classLoader, Function<Class<?>, String> versionOf) {
    // Every start runs this, so the common case builds no text: messages only once it fails.
    String[] versions = new String[LIBRARIES.size()];
    String coreVersion = null;
    boolean mixed = false;
    boolean older = false;
    for (int i = 0; i < versions.length; i++) {
      Library library = LIBRARIES.get(i);
      Class<?> probe = probe(library.probe(), classLoader);
      String version = (probe != null) ? versionOf.apply(probe) : null;
      // Absent (the application may not use it, or it came later than the other libraries, which
      // are judged), or of no known version: nothing to judge.
      versions[i] = version;
      if (version == null) {
        continue;
      }
      older |= compare(version, library.release().needed()) < 0;
      if (library.release() == Release.CORE) {
        mixed |= (coreVersion != null && !coreVersion.equals(version));
        coreVersion = (coreVersion != null) ? coreVersion : version;
      }
    }
    if (older || mixed) {
      throw failure(versions, mixed);
    }
  }

  private static OpenTelemetryVersionException failure(String[] versions, boolean mixed) {
    List<String> problems = new ArrayList<>();
    List<String> found = new ArrayList<>();
    for (int i = 0; i < versions.length; i++) {
      Library library = LIBRARIES.get(i);
      if (versions[i] == null) {
        continue;
      }
      found.add(library.artifact() + " " + versions[i]);
      String need = library.release().needed();
      if (compare(versions[i], need) < 0) {
        problems.add(library.artifact() + " " + versions[i] + " (needs " + need + " or later)");
      }
    }
    if (mixed) {
      problems.add("OpenTelemetry Java's libraries are of different releases: " + found);
    }
    return new OpenTelemetryVersionException(
        problems, Release.CORE.needed(), Release.INSTRUMENTATION.needed());
  }

  private static Class<?> probe(String className, ClassLoader classLoader) {
    try {
      return Class.forName(className, false, classLoader);
    } catch (ClassNotFoundException | LinkageError ex) {
      // Absent, or unloadable against the other libraries, whose versions then tell why.
      return null;
    }
  }

  /** Compares the numeric parts of two versions, ignoring qualifiers such as {@code -alpha}. */
  static int compare(String left, String right) {
    int[] a = numbers(left);
    int[] b = numbers(right);
    for (int i = 0; i < Math.max(a.length, b.length); i++) {
      int x = (i < a.length) ? a[i] : 0;
      int y = (i < b.length) ? b[i] : 0;
      if (x != y) {
        return Integer.compare(x, y);
      }
    }
    return 0;
  }

  private static int[] numbers(String version) {
    int end = 0;
    while (end < version.length()
        && (Character.isDigit(version.charAt(end)) || version.charAt(end) == '.')) {
      end++;
    }
    String[] parts = version.substring(0, end).split("\\.");
    int[] numbers = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      // At most 9 digits, so that parsing cannot overflow; no release number has more.
      numbers[i] =
          parts[i].isEmpty()
              ? 0
              : (parts[i].length() > 9) ? Integer.MAX_VALUE : Integer.parseInt(parts[i]);
    }
    return numbers;
  }
}
