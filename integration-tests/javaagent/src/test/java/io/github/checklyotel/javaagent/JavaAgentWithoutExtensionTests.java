package io.github.checklyotel.javaagent;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checklyotel.test.otlp.OtlpReceiver;
import io.github.checklyotel.test.otlp.OtlpReceiver.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The same jar under the agent alone: the agent, not the starter, decides what is recorded. The
 * starter must say so rather than claim to record only Checkly requests, and must not build a
 * second pipeline beside the agent's.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
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
  @Order(Integer.MAX_VALUE)
  void warningIsTrueAndThereIsOnePipeline() {
    receiver.clear();
    assertThat(application.get("/api/orders/1").statusCode()).isEqualTo(200);
    // A second pipeline would export through a batch processor of its own, which a marker sent
    // through the agent's does not flush: the barrier is the application's end, where every SDK in
    // it exports all it holds (SampleJarApplication.stop()); hence the last test.
    application.stop();
    // The agent traces the plain request, as warned; once, not once more by the starter's SDK.
    List<ReceivedSpan> servers =
        receiver.spans().stream().filter(span -> span.kind() == SpanKind.SPAN_KIND_SERVER).toList();
    assertThat(servers)
        .extracting(ReceivedSpan::name)
        .containsExactlyInAnyOrder("GET /api/orders/{id}", "GET /api/inventory/{sku}");
    assertThat(application.log()).doesNotContain("OpenTelemetry Spring Boot starter");
  }
}
