package io.github.checklyotel.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.checklyotel.test.http.TestHttp;
import io.github.checklyotel.test.otlp.OtlpHttpReceiver;
import io.github.checklyotel.test.otlp.OtlpReceiver.ReceivedSpan;
import io.github.checklyotel.test.process.ChildJvm;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample application in its own JVM, configured only through the standard {@code OTEL_*}
 * environment variables, as a user deploys it: the variables reach OpenTelemetry through the {@code
 * application.yml} placeholders and Spring's relaxed binding.
 */
class EnvironmentVariablesEndToEndTests {

  private static final String API_KEY = "env-checkly-key-7f3a";

  private final OtlpHttpReceiver receiver = OtlpHttpReceiver.start();

  private Process app;

  @TempDir Path temp;

  @AfterEach
  void stop() throws InterruptedException {
    if (this.app != null) {
      this.app.destroy();
      this.app.waitFor();
    }
    this.receiver.close();
  }

  @Test
  void standardVariablesConfigureTheExport() throws Exception {
    int port = freePort();
    Path log = this.temp.resolve("app.log");
    this.app =
        launch(
            log,
            Map.of(
                "SERVER_PORT", Integer.toString(port),
                "OTEL_EXPORTER_OTLP_ENDPOINT", this.receiver.endpoint(),
                "OTEL_EXPORTER_OTLP_HEADERS", "authorization=" + API_KEY,
                "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
                "OTEL_EXPORTER_OTLP_COMPRESSION", "gzip",
                "OTEL_SERVICE_NAME", "env-orders",
                "OTEL_RESOURCE_ATTRIBUTES", "deployment.environment.name=ci,team=checkout",
                "OTEL_BSP_SCHEDULE_DELAY", "100"));
    HttpRequest checkly =
        TestHttp.request(port, "/api/orders/1")
            .header("tracestate", "checkly=true")
            .timeout(Duration.ofSeconds(5))
            .build();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .ignoreExceptionsInstanceOf(UncheckedIOException.class)
        .until(() -> TestHttp.send(checkly).statusCode() == 200);

    await().atMost(Duration.ofSeconds(10)).until(() -> this.receiver.spans().size() >= 5);
    List<ReceivedSpan> spans = this.receiver.spans();
    assertThat(spans).extracting(ReceivedSpan::traceId).containsOnly(spans.get(0).traceId());
    assertThat(spans)
        .allSatisfy(
            span -> {
              assertThat(span.serviceName()).isEqualTo("env-orders");
              assertThat(span.authorization()).isEqualTo(API_KEY);
            });
    List<KeyValue> resource =
        this.receiver
            .exports()
            .get(0)
            .traces()
            .getResourceSpans(0)
            .getResource()
            .getAttributesList();
    assertThat(resource)
        .anySatisfy(attribute -> assertThat(attribute.getKey()).isEqualTo("team"))
        .anySatisfy(
            attribute -> assertThat(attribute.getKey()).isEqualTo("deployment.environment.name"));
    assertThat(Files.readString(log))
        .contains("Checkly tracing is on for service 'env-orders'")
        .contains("(strict mode off: checkly.origin.secret not set)")
        .contains("over OTLP http/protobuf to 127.0.0.1:")
        .doesNotContain(API_KEY);
  }

  /**
   * An unset variable substituted into a Compose file, or an empty Kubernetes secret, gives an
   * empty value: it must stop the start, not turn strict mode off.
   */
  @Test
  void anOriginSecretSetButEmptyStopsTheStartNamingTheVariable() throws Exception {
    Path log = this.temp.resolve("empty-secret.log");
    this.app =
        launch(
            log,
            Map.of(
                "SERVER_PORT",
                Integer.toString(freePort()),
                "OTEL_EXPORTER_OTLP_ENDPOINT",
                this.receiver.endpoint(),
                "OTEL_EXPORTER_OTLP_HEADERS",
                "authorization=" + API_KEY,
                "CHECKLY_ORIGIN_SECRET",
                ""));
    assertThat(this.app.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(this.app.exitValue()).isNotZero();
    assertThat(Files.readString(log))
        .contains("APPLICATION FAILED TO START")
        .contains("checkly.origin.secret")
        .contains("CHECKLY_ORIGIN_SECRET")
        .contains("set but empty")
        .doesNotContain("Checkly tracing is on")
        .doesNotContain(API_KEY);
  }

  @Test
  void theStartupLineSaysStrictModeIsOnWithItsHeaderAndNeverTheSecret() throws Exception {
    String secret = "env-origin-secret-91c2";
    Path log = this.temp.resolve("strict.log");
    int port = freePort();
    this.app =
        launch(
            log,
            Map.of(
                "SERVER_PORT",
                Integer.toString(port),
                "OTEL_EXPORTER_OTLP_ENDPOINT",
                this.receiver.endpoint(),
                "CHECKLY_ORIGIN_SECRET",
                secret,
                "CHECKLY_ORIGIN_HEADER_NAME",
                "X-Origin-Proof"));
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> Files.readString(log).contains("Checkly tracing is on"));
    assertThat(Files.readString(log))
        .contains(
            "recording only requests with tracestate checkly=true and the origin secret in header"
                + " X-Origin-Proof (strict mode)")
        .doesNotContain(secret);
  }

  private static Process launch(Path log, Map<String, String> environment) {
    return ChildJvm.launch(SampleApplication.class, environment, log);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
