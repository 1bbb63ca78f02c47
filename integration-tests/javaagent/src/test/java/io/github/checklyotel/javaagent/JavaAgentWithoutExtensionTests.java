package io.github.checklyotel.javaagent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.checklyotel.test.otlp.OtlpReceiver;
import io.github.checklyotel.test.otlp.OtlpReceiver.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same jar under the agent alone: the agent, not the starter, decides what is recorded. The
 * starter must say so rather than claim to record only Checkly requests, and must not build a
 * second pipeline beside the agent's.
 */
class JavaAgentWithoutExtensionTests {

  private static SampleJarApplication application;

  private static OtlpReceiver receiver;

  @BeforeAll
  static void start() {
    application =
        SampleJarApplication.start(
            "without-extension", SampleJarApplication.underAgent(false), Map.of());
    receiver = application.receiver();
  }

  @AfterAll
  static void stop() {
    application.close();
  }

  @Test
  void starterWarnsThatTheAgentRecordsEveryRequest() {
    assertThat(application.log())
        .contains(
            "The OpenTelemetry Java agent is attached and records requests that are not"
                + " Checkly's")
        .contains("-Dotel.javaagent.extensions=")
        .doesNotContain("recording only requests")
        .doesNotContain("Checkly tracing is on");
  }

  @Test
  void warningIsTrueAndThereIsOnePipeline() {
    receiver.clear();
    assertThat(application.get("/api/orders/1").statusCode()).isEqualTo(200);
    // The agent traces the plain request, as warned; once, not once more by the starter's SDK.
    List<ReceivedSpan> servers =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () ->
                    receiver.spans().stream()
                        .filter(span -> span.kind() == SpanKind.SPAN_KIND_SERVER)
                        .toList(),
                spans -> spans.size() >= 2);
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(2))
        .until(
            () ->
                receiver.spans().stream()
                        .filter(span -> span.kind() == SpanKind.SPAN_KIND_SERVER)
                        .count()
                    == 2);
    assertThat(servers)
        .extracting(ReceivedSpan::name)
        .containsExactlyInAnyOrder("GET /api/orders/{id}", "GET /api/inventory/{sku}");
    assertThat(application.log()).doesNotContain("OpenTelemetry Spring Boot starter");
  }
}
