package io.github.checklyotel.javaagent;

import static io.github.checklyotel.test.TraceHeaders.PARENT_ID;
import static io.github.checklyotel.test.TraceHeaders.traceparent;
import static org.awaitility.Awaitility.await;

import io.github.checklyotel.test.otlp.OtlpHttpReceiver;
import io.github.checklyotel.test.otlp.OtlpReceiver.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
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
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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

  /** The headers that make a request a check this application records: see {@link #markers}. */
  private final List<String> checkHeaders;

  /** The trace ids of the markers sent so far. */
  private final Set<String> markers = ConcurrentHashMap.newKeySet();

  /** The port Tomcat took, known once the application has started. */
  private int port;

  private SampleJarApplication(
      OtlpHttpReceiver receiver, Process process, Path log, Map<String, String> env) {
    this.receiver = receiver;
    this.process = process;
    this.log = log;
    List<String> checkHeaders = new ArrayList<>(List.of("tracestate", "checkly=true"));
    if (env.containsKey("CHECKLY_ORIGIN_SECRET")) {
      checkHeaders.add(env.getOrDefault("CHECKLY_ORIGIN_HEADER_NAME", "X-Checkly-Origin"));
      checkHeaders.add(env.get("CHECKLY_ORIGIN_SECRET"));
    }
    this.checkHeaders = List.copyOf(checkHeaders);
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
      return new SampleJarApplication(receiver, builder.start(), log, env);
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
    // Were metrics or logs exported at all, they would arrive during the tests too, not only at
    // the application's end (stop()).
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

  /**
   * Every span the application has exported, once all of them have arrived, leaving out the
   * markers'. The barrier is a marker: a check of a trace of its own, sent now, whose entry span
   * must arrive. A batch span processor exports spans in the order they ended, one export after the
   * other, and the entry span ends after its children: once the marker's entry span is in, so is
   * every span that ended before the marker was sent, of the requests under test too. It vouches
   * for the one span pipeline it goes through; for metrics, logs or a second pipeline, see {@link
   * #stop()}.
   */
  List<ReceivedSpan> exportedSpans() {
    String marker = UUID.randomUUID().toString().replace("-", "");
    this.markers.add(marker);
    List<String> headers = new ArrayList<>(List.of("traceparent", traceparent(marker)));
    headers.addAll(this.checkHeaders);
    HttpResponse<String> response = get("/api/orders/1", headers.toArray(String[]::new));
    if (response.statusCode() != 200) {
      throw new IllegalStateException("The marker was answered with " + response.statusCode());
    }
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                this.receiver.spans().stream()
                    .anyMatch(
                        (span) ->
                            span.traceId().equals(marker)
                                && span.kind() == SpanKind.SPAN_KIND_SERVER
                                && span.parentSpanId().equals(PARENT_ID)));
    return this.receiver.spans().stream()
        .filter((span) -> !this.markers.contains(span.traceId()))
        .toList();
  }

  /**
   * Stops the application as a platform does, with SIGTERM, and waits for its JVM to end, the
   * receiver still listening. The barrier for what a marker cannot vouch for (metrics, logs, a
   * second pipeline, an application with no pipeline or none that would record a marker): as the
   * JVM shuts down, every SDK in it, the agent's or the starter's, exports what it still holds and
   * ends. Once this returns, the receiver has all the application ever exported.
   */
  void stop() {
    this.process.destroy();
    try {
      if (!this.process.waitFor(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("The application did not stop; see " + this.log);
      }
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
