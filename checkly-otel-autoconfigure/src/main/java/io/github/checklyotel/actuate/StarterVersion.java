package io.github.checklyotel.actuate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The starter's version, as the build wrote it into the jar. */
final class StarterVersion {

  private static final String RESOURCE = "/META-INF/checkly-otel/version.properties";

  private static final String VERSION = load();

  private StarterVersion() {}

  static String get() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = StarterVersion.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the starter's jar");
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException ex) {
      throw new UncheckedIOException("Could not read " + RESOURCE, ex);
    }
  }
}
