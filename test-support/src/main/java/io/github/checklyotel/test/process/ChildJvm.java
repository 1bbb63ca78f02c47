package io.github.checklyotel.test.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * An application started in a JVM of its own, on this test's class path, with real environment
 * variables, as a platform starts it: what the variables do can only be seen there. Its output goes
 * to a file the test reads.
 */
public final class ChildJvm {

  private ChildJvm() {}

  /**
   * Starts {@code mainClass} with {@code environment} added to this JVM's, writing its output to
   * {@code log}; variables starting with {@code OTEL_} or {@code CHECKLY_} come only from {@code
   * environment}, never from the machine running the test.
   */
  public static Process launch(Class<?> mainClass, Map<String, String> environment, Path log) {
    ProcessBuilder builder =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                mainClass.getName())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder
        .environment()
        .keySet()
        .removeIf(key -> key.startsWith("OTEL_") || key.startsWith("CHECKLY_"));
    builder.environment().putAll(environment);
    try {
      return builder.start();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }
}
