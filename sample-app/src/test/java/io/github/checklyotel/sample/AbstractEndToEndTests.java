package io.github.checklyotel.sample;

import static io.github.checklyotel.test.TraceHeaders.PARENT_ID;
import static io.github.checklyotel.test.TraceHeaders.TRACE_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.checklyotel.test.http.TestHttp;
import io.github.checklyotel.test.otlp.OtlpReceiver;
import io.github.checklyotel.test.otlp.OtlpReceiver.ReceivedSpan;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.spring.autoconfigure.internal.instrumentation.runtimetelemetry.RuntimeMetricsAutoConfiguration;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The sample application on a real Tomcat at a random port, exporting to a real OTLP receiver in
 * this JVM; subclasses choose the OTLP transport.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@DirtiesContext
abstract class AbstractEndToEndTests {

  static final String API_KEY = "e2e-checkly-api-key";

  static final String SERVICE_NAME = "e2e-orders";

  @LocalServerPort int port;

  @Autowired OpenTelemetry openTelemetry;

  @Autowired ConfigurableApplicationContext context;

  abstract OtlpReceiver receiver();

  /**
   * Points the exporter at {@code receiver} through the properties under {@code prefix}: the
   * general {@code otel.exporter.otlp.} ones or the traces-specific {@code
   * otel.exporter.otlp.traces.} ones.
   */
  static void registerExporter(
      DynamicPropertyRegistry registry, OtlpReceiver receiver, String prefix) {
    registry.add(prefix + "endpoint", receiver::endpoint);
    registry.add(prefix + "protocol", receiver::protocol);
    registry.add(prefix + "headers", () -> "authorization=" + API_KEY);
    registry.add(prefix + "timeout", () -> "5s");
    registry.add("otel.service.name", () -> SERVICE_NAME);
    registry.add("otel.bsp.schedule.delay", () -> "100");
    // Short intervals, so that a metrics or logs exporter left on would be caught in the test.
    registry.add("otel.metric.export.interval", () -> "200");
    registry.add("otel.blrp.schedule.delay", () -> "100");
  }

  @BeforeEach
  void startFromEmptyReceiver() {
    flush();
    receiver().clear();
  }

  @Test
  void checklyRequestArrivesAsOneCompleteTrace() throws Exception {
    HttpResponse<String> response =
        get(
            "/api/orders/1",
            "traceparent",
            "00-" + TRACE_ID + "-" + PARENT_ID + "-00",
            "tracestate",
            "vendor=abc,checkly=true");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"inStock\":17");

    List<ReceivedSpan> trace = awaitTrace(TRACE_ID, 5);

    Map<String, ReceivedSpan> byId =
        trace.stream().collect(Collectors.toMap(ReceivedSpan::spanId, Function.identity()));
    ReceivedSpan orders = serverSpan(trace, "/api/orders/{id}");
    ReceivedSpan inventory = serverSpan(trace, "/api/inventory/{sku}");
    assertThat(orders.parentSpanId()).isEqualTo(PARENT_ID);
    assertThat(orders.attribute("http.response.status_code")).isEqualTo("200");
    ReceivedSpan call = byId.get(inventory.parentSpanId());
    assertThat(call.kind()).isEqualTo(SpanKind.SPAN_KIND_CLIENT);
    assertThat(call.parentSpanId()).isEqualTo(orders.spanId());
    assertThat(trace)
        .filteredOn(span -> span.name().startsWith("SELECT"))
        .extracting(ReceivedSpan::parentSpanId)
        .containsExactlyInAnyOrder(orders.spanId(), inventory.spanId());
    assertThat(trace)
        .allSatisfy(
            span -> {
              assertThat(span.serviceName()).isEqualTo(SERVICE_NAME);
              assertThat(span.authorization()).isEqualTo(API_KEY);
              assertThat(span.span().getTraceState()).contains("checkly=true");
            });
  }

  @Test
  void checklyRequestWithoutTraceparentStartsNewSampledTrace() throws Exception {
    assertThat(get("/api/orders/2", "tracestate", "checkly=true").statusCode()).isEqualTo(200);

    ReceivedSpan root =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () ->
                    receiver().spans().stream()
                        .filter(span -> "/api/orders/2".equals(span.attribute("url.path")))
                        .findFirst(),
                java.util.Optional::isPresent)
            .orElseThrow();
    assertThat(root.parentSpanId()).isEmpty();
    assertThat(root.traceId()).isNotEqualTo(TRACE_ID);
    List<ReceivedSpan> trace = awaitTrace(root.traceId(), 5);
    assertThat(trace)
        .allSatisfy(span -> assertThat(span.span().getTraceState()).isEqualTo("checkly=true"));
  }

  @Test
  void emptyMembersAndSplitHeaderLinesDoNotHideChecklyButAnInvalidHeaderDoes() throws Exception {
    // Sent first: had it been recorded, its spans would arrive with or before the valid one's.
    String invalid = "4bf92f3577b34da6a3ce929d0e0e4737";
    HttpRequest discarded =
        request("/api/inventory/KB-42")
            .header("traceparent", "00-" + invalid + "-" + PARENT_ID + "-01")
            .header("tracestate", "Not A Valid Member=@@, ,")
            .header("tracestate", " checkly=true\t")
            .build();
    assertThat(TestHttp.send(discarded).body()).isEqualTo("17");
    String traceId = "5bf92f3577b34da6a3ce929d0e0e4737";
    HttpRequest request =
        request("/api/inventory/KB-42")
            .header("traceparent", "00-" + traceId + "-" + PARENT_ID + "-01")
            .header("tracestate", "vendor=1, ,")
            .header("tracestate", " checkly=true\t")
            .build();
    assertThat(TestHttp.send(request).body()).isEqualTo("17");

    List<ReceivedSpan> trace = awaitTrace(traceId, 2);
    assertThat(serverSpan(trace, "/api/inventory/{sku}").parentSpanId()).isEqualTo(PARENT_ID);
    assertThat(receiver().spans()).noneMatch(span -> span.traceId().equals(invalid));
  }

  @Test
  void plainRequestsProduceNoSpans() throws Exception {
    String sampledParent = "00-6bf92f3577b34da6a3ce929d0e0e4738-" + PARENT_ID + "-01";
    assertThat(get("/api/orders/1").statusCode()).isEqualTo(200);
    assertThat(get("/api/orders/1", "traceparent", sampledParent).statusCode()).isEqualTo(200);
    for (String tracestate :
        List.of(
            "checkly=false", "checkly=truex", "xcheckly=true", "checkly = true", "CHECKLY=TRUE")) {
      assertThat(
              get("/api/orders/1", "traceparent", sampledParent, "tracestate", tracestate)
                  .statusCode())
          .isEqualTo(200);
    }
    assertThat(get("/api/orders/999", "tracestate", "other=checkly").statusCode()).isEqualTo(404);

    flush();
    assertThat(receiver().spans()).isEmpty();
  }

  @Test
  void onlyTracesReachTheReceiver() throws Exception {
    get("/api/orders/1", "tracestate", "checkly=true");
    get("/api/orders/1");
    // Each of the three pipelines exports what it holds and returns once the receiver answered: a
    // metrics or logs exporter left on would have sent by then, whatever its interval.
    OpenTelemetrySdk sdk = (OpenTelemetrySdk) this.openTelemetry;
    sdk.getSdkMeterProvider().forceFlush().join(10, TimeUnit.SECONDS);
    sdk.getSdkLoggerProvider().forceFlush().join(10, TimeUnit.SECONDS);
    flush();
    assertThat(receiver().exports())
        .isNotEmpty()
        .allSatisfy(export -> assertThat(export.signal()).isEqualTo("traces"));
  }

  @Test
  void instrumentationFeedingUnexportedSignalsIsOff() {
    assertThat(this.context.getBeanNamesForType(RuntimeMetricsAutoConfiguration.class)).isEmpty();
    assertThat(
            this.context
                .getEnvironment()
                .getProperty("otel.instrumentation.logback-appender.enabled"))
        .isEqualTo("false");
  }

  private List<ReceivedSpan> awaitTrace(String traceId, int spanCount) {
    await().atMost(Duration.ofSeconds(10)).until(() -> spansOf(traceId).size() >= spanCount);
    flush();
    List<ReceivedSpan> trace = spansOf(traceId);
    assertThat(trace).hasSize(spanCount);
    return trace;
  }

  private List<ReceivedSpan> spansOf(String traceId) {
    return receiver().spans().stream().filter(span -> span.traceId().equals(traceId)).toList();
  }

  private static ReceivedSpan serverSpan(List<ReceivedSpan> trace, String route) {
    return trace.stream()
        .filter(span -> span.kind() == SpanKind.SPAN_KIND_SERVER)
        .filter(span -> route.equals(span.attribute("http.route")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no server span for " + route + " in " + trace));
  }

  private void flush() {
    ((OpenTelemetrySdk) this.openTelemetry)
        .getSdkTracerProvider()
        .forceFlush()
        .join(10, TimeUnit.SECONDS);
  }

  private HttpResponse<String> get(String path, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = request(path);
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return TestHttp.send(request.build());
  }

  private HttpRequest.Builder request(String path) {
    return TestHttp.request(this.port, path).timeout(Duration.ofSeconds(10));
  }
}
