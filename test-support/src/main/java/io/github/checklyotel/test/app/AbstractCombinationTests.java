package io.github.checklyotel.test.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.checklyotel.test.TraceHeaders;
import io.github.checklyotel.test.http.TestHttp;
import io.github.checklyotel.test.otlp.OtlpReceiver;
import io.github.checklyotel.test.otlp.OtlpReceiver.ReceivedSpan;
import io.github.checklyotel.test.otlp.WithOtlpReceiver;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;

/**
 * What must hold in every supported classpath combination; each integration test module runs it
 * with its own dependencies and says what that combination adds.
 */
@SpringBootTest(
    classes = ComboApplication.class,
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "otel.service.name=combo",
      "otel.bsp.schedule.delay=100",
      "management.observations.annotations.enabled=true"
    })
@DirtiesContext
@WithOtlpReceiver
public abstract class AbstractCombinationTests {

  protected static final String TRACE_ID = TraceHeaders.TRACE_ID;

  @Autowired protected OtlpReceiver receiver;

  @LocalServerPort protected int port;

  @Autowired protected OpenTelemetry openTelemetry;

  @Autowired protected ApplicationContext context;

  /** Whether this combination records Micrometer Observations ({@code @Observed}, custom ones). */
  protected abstract boolean recordsObservations();

  @BeforeEach
  void startFromEmptyReceiver() {
    flush();
    receiver.clear();
  }

  @Test
  void checklyRequestIsOneTraceWithOneServerSpanPerRequest() throws Exception {
    assertThat(get("/work", true).body()).isEqualTo("work:ok");

    int expected = recordsObservations() ? 7 : 5;
    await().atMost(Duration.ofSeconds(10)).until(() -> receiver.spans().size() >= expected);
    flush();
    List<ReceivedSpan> spans = receiver.spans();

    assertThat(spans).extracting(ReceivedSpan::traceId).containsOnly(TRACE_ID);
    assertThat(spans).extracting(ReceivedSpan::spanId).doesNotHaveDuplicates();
    ReceivedSpan work = only(spans, SpanKind.SPAN_KIND_SERVER, "GET /work");
    ReceivedSpan downstream = only(spans, SpanKind.SPAN_KIND_SERVER, "GET /downstream");
    ReceivedSpan call = only(spans, SpanKind.SPAN_KIND_CLIENT, "GET");
    assertThat(work.attribute("http.route")).isEqualTo("/work");
    assertThat(downstream.attribute("http.route")).isEqualTo("/downstream");
    assertThat(call.parentSpanId()).isEqualTo(work.spanId());
    assertThat(downstream.parentSpanId()).isEqualTo(call.spanId());
    assertThat(only(spans, SpanKind.SPAN_KIND_INTERNAL, ComboApplication.ASYNC).parentSpanId())
        .isEqualTo(work.spanId());
    assertThat(only(spans, SpanKind.SPAN_KIND_INTERNAL, ComboApplication.EXECUTOR).parentSpanId())
        .isEqualTo(work.spanId());
    if (recordsObservations()) {
      assertThat(only(spans, null, ComboApplication.OBSERVED).parentSpanId())
          .isEqualTo(work.spanId());
      assertThat(only(spans, null, ComboApplication.CUSTOM_OBSERVATION).parentSpanId())
          .isEqualTo(work.spanId());
    }
    assertThat(spans).hasSize(expected);
  }

  @Test
  void plainRequestsProduceNoSpans() throws Exception {
    assertThat(get("/work", false).body()).isEqualTo("work:ok");
    HttpRequest foreign =
        request("/work").header("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01").build();
    assertThat(TestHttp.send(foreign).body()).isEqualTo("work:ok");
    flush();
    assertThat(receiver.spans()).isEmpty();
  }

  @Test
  void oneTracerProvider() {
    assertThat(this.openTelemetry).isInstanceOf(OpenTelemetrySdk.class);
    SdkTracerProvider provider = ((OpenTelemetrySdk) this.openTelemetry).getSdkTracerProvider();
    assertThat(this.context.getBeansOfType(SdkTracerProvider.class).values())
        .allSatisfy(bean -> assertThat(bean).isSameAs(provider));
    assertThat(this.context.getBeansOfType(OpenTelemetry.class)).hasSize(1);
  }

  protected HttpResponse<String> get(String path, boolean checkly) throws Exception {
    HttpRequest.Builder request = request(path);
    if (checkly) {
      request
          .header("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01")
          .header("tracestate", "checkly=true");
    }
    return TestHttp.send(request.build());
  }

  private HttpRequest.Builder request(String path) {
    return TestHttp.request(this.port, path).timeout(Duration.ofSeconds(10));
  }

  protected void flush() {
    ((OpenTelemetrySdk) this.openTelemetry)
        .getSdkTracerProvider()
        .forceFlush()
        .join(10, TimeUnit.SECONDS);
  }

  private static ReceivedSpan only(List<ReceivedSpan> spans, SpanKind kind, String name) {
    List<ReceivedSpan> matching =
        spans.stream()
            .filter(span -> kind == null || span.kind() == kind)
            .filter(span -> span.name().equals(name))
            .toList();
    assertThat(matching).as("spans named %s of kind %s in %s", name, kind, spans).hasSize(1);
    return matching.get(0);
  }
}
