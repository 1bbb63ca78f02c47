package io.github.checklyotel.test.reactive;

import static io.github.checklyotel.test.TraceHeaders.PARENT_ID;
import static io.github.checklyotel.test.TraceHeaders.TRACE_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.checklyotel.test.http.TestHttp;
import io.github.checklyotel.test.otlp.OtlpHttpReceiver;
import io.github.checklyotel.test.otlp.OtlpReceiver.ReceivedSpan;
import io.github.checklyotel.test.otlp.WithOtlpReceiver;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.web.server.WebFilter;

/**
 * A reactive application on Netty gets the servlet side's behaviour: whole traces for Checkly
 * requests, with or without a traceparent, and nothing for other requests, whose incoming trace
 * context still reaches outgoing calls.
 */
@SpringBootTest(
    classes = ReactiveApplication.class,
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {"spring.main.web-application-type=reactive", "otel.bsp.schedule.delay=50"})
@DirtiesContext
@WithOtlpReceiver
class WebFluxEndToEndTests {

  @Autowired OtlpHttpReceiver receiver;

  @LocalServerPort int port;

  @Autowired ApplicationContext context;

  @BeforeEach
  void clear() {
    receiver.clear();
  }

  @Test
  void openTelemetrysServerFilterIsWrapped() {
    // The wrapper is not API: it is recognised by name, and OpenTelemetry's filter must not be
    // left a bean of its own, where it would trace every request.
    assertThat(this.context.getBeansOfType(WebFilter.class).values())
        .extracting((filter) -> filter.getClass().getName())
        .contains("io.github.checklyotel.webflux.internal.ChecklyOnlyWebFilter")
        .noneMatch((name) -> name.startsWith("io.opentelemetry.instrumentation.spring.webflux."));
  }

  @Test
  void checklyRequestIsTracedWholeUnderTheCallersSpan() throws Exception {
    HttpResponse<String> response =
        get("/work", "00-" + TRACE_ID + "-" + PARENT_ID + "-01", "checkly=true");
    assertThat(response.statusCode()).isEqualTo(200);
    List<ReceivedSpan> spans = awaitSpans(TRACE_ID, 3);
    ReceivedSpan work = server(spans, "/work");
    ReceivedSpan client = single(spans, SpanKind.SPAN_KIND_CLIENT);
    ReceivedSpan downstream = server(spans, "/downstream");
    assertThat(work.parentSpanId()).isEqualTo(PARENT_ID);
    assertThat(client.parentSpanId()).isEqualTo(work.spanId());
    assertThat(downstream.parentSpanId()).isEqualTo(client.spanId());
    // The outgoing call carried the trace, sampled, with the Checkly mark.
    assertThat(response.body()).isEqualTo("00-" + TRACE_ID + "-" + client.spanId() + "-01");
  }

  @Test
  void checklyRequestWithoutTraceparentStartsATrace() throws Exception {
    assertThat(get("/downstream", null, "checkly=true").statusCode()).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                receiver.spans().stream()
                    .anyMatch((span) -> "/downstream".equals(span.attribute("http.route"))));
    assertThat(receiver.spans()).hasSize(1);
  }

  @Test
  void otherRequestsRecordNothingButKeepTheCallersTrace() throws Exception {
    String otherTrace = "0af7651916cd43dd8448eb211c80319c";
    HttpResponse<String> plain = get("/work", "00-" + otherTrace + "-" + PARENT_ID + "-01", null);
    assertThat(plain.statusCode()).isEqualTo(200);
    // The outgoing call passed the caller's trace context on unchanged.
    assertThat(plain.body()).isEqualTo("00-" + otherTrace + "-" + PARENT_ID + "-01");
    assertThat(get("/work", null, "vendor=1,other=2").statusCode()).isEqualTo(200);
    assertThat(get("/work", null, "checkly=true=,,=,checkly=TRUE").statusCode()).isEqualTo(200);
    String fresh = get("/work", null, null).body();
    assertThat(fresh).doesNotContain(otherTrace).doesNotContain(TRACE_ID);
    assertThat(isSampled(fresh)).isFalse();

    // Spans are exported in order: once the Checkly trace arrives, any other would have too.
    get("/downstream", "00-" + TRACE_ID + "-" + PARENT_ID + "-01", "checkly=true");
    awaitSpans(TRACE_ID, 1);
    assertThat(receiver.spans()).extracting(ReceivedSpan::traceId).containsOnly(TRACE_ID);
  }

  @Test
  void otherSystemsTraceStatePassesThroughUnchanged() throws Exception {
    String otherTrace = "1af7651916cd43dd8448eb211c80319c";
    for (String flags : List.of("00", "01")) {
      String traceparent = "00-" + otherTrace + "-" + PARENT_ID + "-" + flags;
      HttpRequest request =
          TestHttp.request(this.port, "/relay")
              .header("traceparent", traceparent)
              .header("tracestate", "rojo=00f067aa0ba902b7, congo=t61rcWkgMzE")
              .header("tracestate", "vendor@tenant=x")
              .build();
      assertThat(TestHttp.send(request).body())
          .isEqualTo(traceparent + ";rojo=00f067aa0ba902b7,congo=t61rcWkgMzE,vendor@tenant=x");
    }
    get("/downstream", "00-" + TRACE_ID + "-" + PARENT_ID + "-01", "checkly=true");
    awaitSpans(TRACE_ID, 1);
    assertThat(receiver.spans()).extracting(ReceivedSpan::traceId).containsOnly(TRACE_ID);
  }

  /** Whether a traceparent's flags have the sampled bit set. */
  private static boolean isSampled(String traceparent) {
    return (Integer.parseInt(traceparent.substring(traceparent.length() - 2), 16) & 1) == 1;
  }

  private List<ReceivedSpan> awaitSpans(String traceId, int count) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                receiver.spans().stream().filter((span) -> span.traceId().equals(traceId)).count()
                    >= count);
    return receiver.spans().stream()
        .filter((span) -> span.traceId().equals(traceId))
        .collect(Collectors.toList());
  }

  private static ReceivedSpan server(List<ReceivedSpan> spans, String route) {
    return spans.stream()
        .filter((span) -> span.kind() == SpanKind.SPAN_KIND_SERVER)
        .filter((span) -> route.equals(span.attribute("http.route")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("No server span for " + route + " in " + spans));
  }

  private static ReceivedSpan single(List<ReceivedSpan> spans, SpanKind kind) {
    List<ReceivedSpan> ofKind = spans.stream().filter((span) -> span.kind() == kind).toList();
    assertThat(ofKind).hasSize(1);
    return ofKind.get(0);
  }

  private HttpResponse<String> get(String path, String traceparent, String tracestate)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = TestHttp.request(this.port, path);
    if (traceparent != null) {
      request.header("traceparent", traceparent);
    }
    if (tracestate != null) {
      request.header("tracestate", tracestate);
    }
    return TestHttp.send(request.build());
  }
}
