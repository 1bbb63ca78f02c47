package io.github.checklyotel.javaagent;

import static org.awaitility.Awaitility.await;

import io.github.checklyotel.test.otlp.OtlpHttpReceiver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sample application's jar, as built, started in a JVM of its own as a platform team would run
 * it: under the OpenTelemetry Java agent, or AOT-processed; its output goes to a file the tests
 * read.
 */
final class SampleJarApplication implements AutoCloseable {

  private static final Pattern TOMCAT_PORT = Pattern.compile("Tomcat started on port (\\d+)");

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final OtlpHttpReceiver receiver;

  private final Process process;

  private final Path log;

  /** The port Tomcat took, known once the application has started. */
  private int port;

  private SampleJarApplication(OtlpHttpReceiver receiver, Process process, Path log) {
    this.receiver = receiver;
    this.process = process;
    this.log = log;
  }

  /** The JVM options that run it with Spring AOT's generated code. */
  static final List<String> AHEAD_OF_TIME = List.of("-Dspring.aot.enabled=true");

  /** The JVM options that attach the agent, with the Checkly extension if {@code withExtension}. */
  static List<String> underAgent(boolean withExtension) {
    List<String> options = new ArrayList<>();
    options.add("-javaagent:" + requiredFile("agent.jar"));
    if (withExtension) {
      options.add("-Dotel.javaagent.extensions=" + requiredFile("extension.jar"));
    }
    return options;
  }

  /**
   * Starts the application with {@code jvmOptions}, and the variables {@code env} besides the
   * README's.
   */
  static SampleJarApplication start(String name, List<String> jvmOptions, Map<String, String> env) {
    SampleJarApplication application = launch(name, jvmOptions, env);
    try {
      application.awaitStarted();
    } catch (RuntimeException ex) {
      application.close();
      throw ex;
    }
    return application;
  }

  /**
   * Runs an application expected to fail at startup, and returns what it wrote; it fails if the
   * application ran, or if anything reached its receiver.
   */
  static String runToFailure(String name, List<String> jvmOptions, Map<String, String> env) {
    try (SampleJarApplication application = launch(name, jvmOptions, env)) {
      if (!application.process.waitFor(90, TimeUnit.SECONDS)) {
        throw new IllegalStateException("The application did not stop; see " + application.log);
      }
      if (application.process.exitValue() == 0) {
        throw new IllegalStateException("The application exited normally; see " + application.log);
      }
      if (!application.receiver.exports().isEmpty()) {
        throw new IllegalStateException(
            "The application exported " + application.receiver.exports());
      }
      return application.log();
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(ex);
    }
  }

  private static SampleJarApplication launch(
      String name, List<String> jvmOptions, Map<String, String> extraEnv) {
    OtlpHttpReceiver receiver = OtlpHttpReceiver.start();
    Map<String, String> env = exportingTo(receiver.endpoint(), "jar-" + name);
    env.putAll(extraEnv);
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(jvmOptions);
    command.add("-Xmx256m");
    command.add("-jar");
    command.add(requiredFile("sample.jar"));
    // Tomcat picks a free port and logs it: no window in which another process could take it.
    command.add("--server.port=0");
    try {
      Path logs = Files.createDirectories(Path.of(System.getProperty("app.logs", "target")));
      Path log = logs.resolve(name + ".log");
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      Map<String, String> environment = builder.environment();
      // Only what the test sets: no OTEL_* or CHECKLY_* leaks in from the machine running it.
      environment.keySet().removeIf(key -> key.startsWith("OTEL_") || key.startsWith("CHECKLY_"));
      environment.putAll(env);
      return new SampleJarApplication(receiver, builder.start(), log);
    } catch (IOException ex) {
      receiver.close();
      throw new UncheckedIOException(ex);
    }
  }

  /** The variables that point the application at {@code endpoint}, exporting quickly. */
  private static Map<String, String> exportingTo(String endpoint, String serviceName) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("OTEL_SERVICE_NAME", serviceName);
    env.put("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint);
    env.put("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
    env.put("OTEL_BSP_SCHEDULE_DELAY", "100");
    // Were metrics or logs exported at all, they would arrive within the tests' wait.
    env.put("OTEL_METRIC_EXPORT_INTERVAL", "300");
    env.put("OTEL_BLRP_SCHEDULE_DELAY", "100");
    return env;
  }

  private void awaitStarted() {
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              if (!this.process.isAlive()) {
                throw new IllegalStateException(
                    "The application exited with "
                        + this.process.exitValue()
                        + "; see "
                        + this.log);
              }
              return log().contains("Started SampleApplication");
            });
    Matcher started = TOMCAT_PORT.matcher(log());
    if (!started.find()) {
      throw new IllegalStateException("No Tomcat port in " + this.log);
    }
    this.port = Integer.parseInt(started.group(1));
  }

  /** Sends a GET to {@code path} with {@code headers} (name, value, name, value...). */
  HttpResponse<String> get(String path, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
            .timeout(Duration.ofSeconds(20));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(ex);
    }
  }

  /** Everything the JVM wrote so far: the agent's log and the application's. */
  String log() {
    try {
      return Files.readString(this.log, StandardCharsets.UTF_8);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  /** The OTLP receiver the application exports to. */
  OtlpHttpReceiver receiver() {
    return this.receiver;
  }

  @Override
  public void close() {
    this.receiver.close();
    this.process.destroy();
    try {
      if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
        this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
    }
  }

  private static String requiredFile(String property) {
    String path = System.getProperty(property);
    if (path == null || !Files.isRegularFile(Path.of(path))) {
      throw new IllegalStateException(
          "System property " + property + " must name a built jar, was " + path);
    }
    return path;
  }
}
