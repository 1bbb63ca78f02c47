package io.github.checklyotel.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar: the agent gives an extension the JDK and OpenTelemetry's API and SDK, nothing
 * else, so every class the jar needs must be one of those or in the jar itself; and the service
 * files must name classes that are there.
 */
class ExtensionJarIT {

  private static final Pattern DEPENDENCY =
      Pattern.compile("^\\s+\\S+\\s+->\\s+(\\S+)", Pattern.MULTILINE);

  private final Path jar = Path.of(System.getProperty("extension.jar"));

  @Test
  void needsNothingButTheJdkAndOpenTelemetry() throws IOException {
    Set<String> outside = new TreeSet<>();
    try (JarFile contents = new JarFile(this.jar.toFile())) {
      for (String dependency : dependencies()) {
        boolean provided =
            dependency.startsWith("java.") || dependency.startsWith("io.opentelemetry.");
        boolean packaged = contents.getEntry(dependency.replace('.', '/') + ".class") != null;
        if (!provided && !packaged) {
          outside.add(dependency);
        }
      }
    }
    assertThat(outside).isEmpty();
  }

  @Test
  void serviceFilesNamePackagedProviders() throws IOException {
    try (JarFile contents = new JarFile(this.jar.toFile())) {
      for (String service :
          new String[] {
            "io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider",
            "io.opentelemetry.sdk.autoconfigure.spi.ConfigurablePropagatorProvider",
            "io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSamplerProvider"
          }) {
        ZipEntry entry = contents.getEntry("META-INF/services/" + service);
        assertThat(entry).as(service).isNotNull();
        String provider =
            new String(contents.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8)
                .trim();
        assertThat(contents.getEntry(provider.replace('.', '/') + ".class"))
            .as(provider)
            .isNotNull();
      }
    }
  }

  /** Every class the jar's classes refer to, as jdeps reads them from the bytecode. */
  private Set<String> dependencies() {
    ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
    StringWriter out = new StringWriter();
    int status =
        jdeps.run(
            new PrintWriter(out),
            new PrintWriter(out),
            "-verbose:class",
            "-filter:none",
            this.jar.toString());
    assertThat(status).as(out.toString()).isZero();
    Set<String> dependencies = new TreeSet<>();
    Matcher matcher = DEPENDENCY.matcher(out.toString());
    while (matcher.find()) {
      dependencies.add(matcher.group(1));
    }
    assertThat(dependencies).as("jdeps found no dependencies in:%n%s", out).isNotEmpty();
    return dependencies;
  }
}
