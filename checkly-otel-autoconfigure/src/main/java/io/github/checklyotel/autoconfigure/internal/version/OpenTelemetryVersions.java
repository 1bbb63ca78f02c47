package io.github.checklyotel.autoconfigure.internal.version;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;

/**
 * Checks, before any OpenTelemetry class is used, that the OpenTelemetry libraries on the class
 * path are the ones the starter was built with or later, and not a mix of releases.
 *
 * <p>Without OpenTelemetry's BOM, Spring Boot's dependency management downgrades OpenTelemetry's
 * API and SDK below what OpenTelemetry's Spring Boot starter needs, and the application fails deep
 * inside OpenTelemetry with a missing class. Each library's version is read from what the library
 * itself ships, which a jar that merges libraries keeps apart: the version file of each module of
 * OpenTelemetry Java and of each instrumentation module, and, for the semantic conventions, which
 * ship none, their jar's manifest, if it names them. A library that is absent, or whose version
 * cannot be read so (relocated, or merged under another manifest), is not judged.
 */
public final class OpenTelemetryVersions {

  /** What a library is released with, and so which version of the starter's build it needs. */
  enum Release {
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

  /**
   * A library and where its version is: a properties resource and its key, or, with a {@code null}
   * key, a class whose jar manifest must carry the library's name as its title.
   */
  record Library(String artifact, Release release, String source, String key) {

    static Library core(String artifact, String packagePath) {
      return new Library(
          artifact, Release.CORE, packagePath + "/version.properties", "sdk.version");
    }
  }

  private static final List<Library> LIBRARIES =
      List.of(
          Library.core("opentelemetry-api", "io/opentelemetry/api"),
          Library.core("opentelemetry-context", "io/opentelemetry/context"),
          Library.core("opentelemetry-common", "io/opentelemetry/common"),
          Library.core("opentelemetry-sdk-common", "io/opentelemetry/sdk/common"),
          Library.core("opentelemetry-sdk-trace", "io/opentelemetry/sdk/trace"),
          Library.core(
              "opentelemetry-sdk-extension-autoconfigure", "io/opentelemetry/sdk/autoconfigure"),
          Library.core("opentelemetry-exporter-otlp", "io/opentelemetry/exporter/otlp"),
          new Library(
              "opentelemetry-semconv",
              Release.SEMCONV,
              "io.opentelemetry.semconv.ServiceAttributes",
              null),
          new Library(
              "opentelemetry-spring-boot-autoconfigure",
              Release.INSTRUMENTATION,
              "META-INF/io/opentelemetry/instrumentation/io.opentelemetry.spring-boot-autoconfigure.properties",
              "version"));

  private OpenTelemetryVersions() {}

  static List<Library> libraries() {
    return LIBRARIES;
  }

  /**
   * Throws {@link OpenTelemetryVersionException} if a library {@code classLoader} sees is older
   * than the starter was built with, or of another OpenTelemetry release than the rest.
   */
  public static void check(ClassLoader classLoader) {
    check((library) -> versionOf(library, classLoader));
  }

  /** {@link #check(ClassLoader)}, with the versions read by {@code versionOf}. */
  static void check(Function<Library, String> versionOf) {
    // Every start runs this, so the common case builds no text: messages only once it fails.
    String[] versions = new String[LIBRARIES.size()];
    int[] coreRelease = null;
    boolean mixed = false;
    boolean older = false;
    for (int i = 0; i < versions.length; i++) {
      Library library = LIBRARIES.get(i);
      String version = versionOf.apply(library);
      versions[i] = version;
      if (version == null) {
        continue;
      }
      older |= compare(version, library.release().needed()) < 0;
      if (library.release() == Release.CORE) {
        // One release line: patch releases of one minor version mix without harm.
        int[] release = numbers(version);
        mixed |= (coreRelease != null && !sameMinorRelease(coreRelease, release));
        coreRelease = (coreRelease != null) ? coreRelease : release;
      }
    }
    if (older || mixed) {
      throw failure(versions, mixed);
    }
  }

  /** The version {@code library} has on {@code classLoader}'s class path, or {@code null}. */
  static String versionOf(Library library, ClassLoader classLoader) {
    if (library.key() == null) {
      return manifestVersion(library, classLoader);
    }
    URL resource = classLoader.getResource(library.source());
    if (resource == null) {
      return null;
    }
    try (InputStream in = resource.openStream()) {
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty(library.key());
    } catch (IOException ex) {
      throw new UncheckedIOException("Could not read " + resource, ex);
    }
  }

  private static String manifestVersion(Library library, ClassLoader classLoader) {
    Class<?> type;
    try {
      type = Class.forName(library.source(), false, classLoader);
    } catch (ClassNotFoundException | LinkageError ex) {
      return null; // absent, or unloadable against the other libraries, whose versions tell why
    }
    Package pkg = type.getPackage();
    return (pkg != null && library.artifact().equals(pkg.getImplementationTitle()))
        ? pkg.getImplementationVersion()
        : null;
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

  /** Whether two versions' major and minor numbers agree, as 1.65.0 and 1.65.2 do. */
  private static boolean sameMinorRelease(int[] left, int[] right) {
    for (int i = 0; i < 2; i++) {
      if (((i < left.length) ? left[i] : 0) != ((i < right.length) ? right[i] : 0)) {
        return false;
      }
    }
    return true;
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
