package io.github.checklyotel.javaagent;

import static io.github.checklyotel.javaagent.CheckedTraces.assertCompleteOrderTrace;
import static io.github.checklyotel.test.TraceHeaders.PARENT_ID;
import static io.github.checklyotel.test.TraceHeaders.TRACE_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.checklyotel.test.otlp.OtlpReceiver;
import io.github.checklyotel.test.otlp.OtlpReceiver.Export;
import io.github.checklyotel.test.otlp.OtlpReceiver.ReceivedSpan;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The sample application's jar under the OpenTelemetry Java agent with the Checkly extension and
 * the README's variables: Checkly requests become whole traces, nothing else reaches the endpoint.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JavaAgentWithExtensionTests {

  private static SampleJarApplication application;

  private static OtlpReceiver receiver;

  @BeforeAll
  static void start() {
    application =
        SampleJarApplication.start(
            "with-extension", SampleJarApplication.underAgent(true), Map.of());
    receiver = application.receiver();
  }

  @AfterAll
  static void stop() {
    application.close();
  }

  @BeforeEach
  void clear() {
    receiver.clear();
  }

  @Test
  void checklyRequestIsOneCompleteTraceUnderItsCaller() {
    assertThat(
            application
                .get(
                    "/api/orders/1",
                    "traceparent",
                    "00-" + TRACE_ID + "-" + PARENT_ID + "-01",
                    "tracestate",
                    "vendor=abc,checkly=true")
                .statusCode())
        .isEqualTo(200);
    List<ReceivedSpan> spans = application.exportedSpans();
    assertCompleteOrderTrace(spans, PARENT_ID);
    assertThat(spans.get(0).traceId()).isEqualTo(TRACE_ID);
    assertThat(spans).extracting(ReceivedSpan::serviceName).containsOnly("jar-with-extension");
  }

  @Test
  void checklyRequestWithoutTraceparentStartsANewTrace() {
    assertThat(application.get("/api/orders/1", "tracestate", "checkly=true").statusCode())
        .isEqualTo(200);
    List<ReceivedSpan> spans = application.exportedSpans();
    assertThat(spans.get(0).traceId()).isNotEqualTo(TRACE_ID);
    assertCompleteOrderTrace(spans, "");
  }

  @Test
  void checklyMemberIsFoundAcrossHeaderLinesButNotInAnInvalidHeader() {
    // A bad member anywhere makes the combined tracestate invalid as a whole: no mark in it counts.
    String invalid = "4bf92f3577b34da6a3ce929d0e0e4736";
    assertThat(
            application
                .get(
                    "/api/orders/1",
                    "traceparent",
                    "00-" + invalid + "-" + PARENT_ID + "-01",
                    "tracestate",
                    "vendor=abc,Bad Key=??",
                    "tracestate",
                    "checkly=true")
                .statusCode())
        .isEqualTo(200);
    String traceId = "5bf92f3577b34da6a3ce929d0e0e4736";
    assertThat(
            application
                .get(
                    "/api/orders/1",
                    "traceparent",
                    "00-" + traceId + "-" + PARENT_ID + "-00",
                    "tracestate",
                    "vendor=abc",
                    "tracestate",
                    "checkly=true")
                .statusCode())
        .isEqualTo(200);
    List<ReceivedSpan> spans = application.exportedSpans();
    assertCompleteOrderTrace(spans, PARENT_ID);
    assertThat(spans.get(0).traceId()).isEqualTo(traceId);
    assertThat(spans).noneMatch(span -> span.traceId().equals(invalid));
  }

  @Test
  @Order(Integer.MAX_VALUE)
  void otherRequestsMetricsAndLogsReachTheEndpointNot() {
    application.get("/api/orders/1");
    application.get(
        "/api/orders/1", "traceparent", "00-6bf92f3577b34da6a3ce929d0e0e4736-" + PARENT_ID + "-01");
    application.get(
        "/api/orders/1",
        "traceparent",
        "00-7bf92f3577b34da6a3ce929d0e0e4736-" + PARENT_ID + "-01",
        "tracestate",
        "checkly=false,other=true");
    application.get("/api/orders/1", "tracestate", "checkly=yes");
    // Behind a marker, a Checkly request sent after them: once its spans are in, theirs would be.
    assertThat(application.exportedSpans()).isEmpty();
    // Metrics and logs go through pipelines of their own, which a marker span does not flush: the
    // barrier for them is the application's end (SampleJarApplication.stop()), hence the last test.
    // Metrics are cumulative, so a metrics exporter would send all it ever recorded then.
    application.stop();
    assertThat(receiver.exports()).isNotEmpty().extracting(Export::signal).containsOnly("traces");
  }

  @Test
  void bothTheExtensionAndTheStarterSayWhatIsRecorded() {
    String log = application.log();
    assertThat(log)
        .contains(
            "Checkly extension for the OpenTelemetry Java agent: recording only requests with"
                + " tracestate checkly=true")
        .contains("The OpenTelemetry Java agent is attached with the Checkly extension")
        .doesNotContain("Checkly tracing is on")
        .doesNotContain("OpenTelemetry Spring Boot starter");
  }
}
