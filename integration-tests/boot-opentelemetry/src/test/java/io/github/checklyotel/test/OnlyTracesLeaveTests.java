package io.github.checklyotel.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.checklyotel.test.app.ComboApplication;
import io.github.checklyotel.test.http.TestHttp;
import io.github.checklyotel.test.otlp.OtlpHttpReceiver;
import io.github.checklyotel.test.otlp.OtlpReceiver.Export;
import io.github.checklyotel.test.process.ChildJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application in a JVM of its own, configured by README's four variables only, with Spring
 * Boot's OpenTelemetry starter and Actuator beside the Checkly starter: Micrometer's OTLP registry
 * (and, on Spring Boot 4.1, Spring Boot's own mapping of the variables) would send metrics and logs
 * to the trace endpoint with the key. Nothing but traces reaches it; metrics the user points
 * elsewhere still go there. The JVM is stopped before the receivers are read: the registry
 * publishes once more as it closes, so whatever it would ever send has been sent.
 */
class OnlyTracesLeaveTests {

  private static final String API_KEY = "only-traces-key";

  private final OtlpHttpReceiver checkly = OtlpHttpReceiver.start();

  private final OtlpHttpReceiver collector = OtlpHttpReceiver.start();

  @TempDir Path temp;

  private Process app;

  @AfterEach
  void stop() throws InterruptedException {
    if (this.app != null && this.app.isAlive()) {
      this.app.destroyForcibly().waitFor();
    }
    this.checkly.close();
    this.collector.close();
  }

  @Test
  void readmesVariablesSendOnlyTraces() throws Exception {
    runChecklyRequestThenStop(Map.of());
    assertThat(this.checkly.exports()).isNotEmpty();
    assertThat(this.checkly.exports()).extracting(Export::signal).containsOnly("traces");
  }

  @Test
  void metricsTheUserPointsElsewhereStillGoThere() throws Exception {
    runChecklyRequestThenStop(
        Map.of("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", this.collector.endpoint() + "/v1/metrics"));
    assertThat(this.checkly.exports()).extracting(Export::signal).containsOnly("traces");
    assertThat(this.collector.exports()).extracting(Export::signal).contains("metrics");
  }

  private void runChecklyRequestThenStop(Map<String, String> more) throws Exception {
    int port = freePort();
    Map<String, String> environment = new HashMap<>();
    environment.put("OTEL_EXPORTER_OTLP_ENDPOINT", this.checkly.endpoint());
    environment.put("OTEL_EXPORTER_OTLP_HEADERS", "authorization=" + API_KEY);
    environment.put("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
    environment.put("OTEL_SERVICE_NAME", "only-traces");
    environment.put("SERVER_PORT", Integer.toString(port));
    environment.put("OTEL_BSP_SCHEDULE_DELAY", "100");
    // A short step, so that a registry left on would publish during the test as well.
    environment.put("MANAGEMENT_OTLP_METRICS_EXPORT_STEP", "1s");
    environment.putAll(more);
    Path log = this.temp.resolve("app.log");
    this.app = ChildJvm.launch(ComboApplication.class, environment, log);
    HttpRequest checklyRequest =
        TestHttp.request(port, "/work")
            .header("traceparent", "00-" + TraceHeaders.TRACE_ID + "-00f067aa0ba902b7-01")
            .header("tracestate", "checkly=true")
            .timeout(Duration.ofSeconds(10))
            .build();
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(250))
        .ignoreExceptionsInstanceOf(UncheckedIOException.class)
        .until(() -> TestHttp.send(checklyRequest).statusCode() == 200);
    await().atMost(Duration.ofSeconds(10)).until(() -> !this.checkly.spans().isEmpty());
    // A graceful stop: the context closes, the registries publish a last time, the SDK flushes.
    this.app.destroy();
    assertThat(this.app.waitFor(60, TimeUnit.SECONDS)).as("stopped within a minute").isTrue();
    assertThat(Files.readString(log)).contains("Checkly tracing is on").doesNotContain(API_KEY);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
