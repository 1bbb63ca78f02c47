package io.github.checklyotel.autoconfigure.internal.version;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * What the build wrote into the starter's jar: its version, and the OpenTelemetry versions it was
 * built and tested with.
 */
public final class StarterBuild {

  /** Where the build writes it, as a class path resource path. */
  public static final String RESOURCE_PATH = "META-INF/checkly-otel/version.properties";

  private static final String RESOURCE = "/" + RESOURCE_PATH;

  private static final Properties PROPERTIES = load();

  private StarterBuild() {}

  /** The starter's version. */
  public static String version() {
    return get("version");
  }

  /** The OpenTelemetry Java (API and SDK) version the starter was built with. */
  static String opentelemetryVersion() {
    return get("opentelemetry.version");
  }

  /** The OpenTelemetry semantic conventions version the starter was built with. */
  static String semconvVersion() {
    return get("opentelemetry-semconv.version");
  }

  /** The OpenTelemetry instrumentation (BOM) version the starter was built with. */
  static String instrumentationVersion() {
    return get("opentelemetry-instrumentation.version");
  }

  private static String get(String key) {
    String value = PROPERTIES.getProperty(key);
    if (value == null || value.startsWith("${")) {
      throw new IllegalStateException(RESOURCE + " has no " + key + ": the jar was built wrongly");
    }
    return value;
  }

  private static Properties load() {
    try (InputStream in = StarterBuild.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the starter's jar");
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties;
    } catch (IOException ex) {
      throw new UncheckedIOException("Could not read " + RESOURCE, ex);
    }
  }
}
