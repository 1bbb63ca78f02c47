package io.github.checklyotel.export.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class TraceLogSpanExporterTests {

  private final InMemorySpanExporter memory = InMemorySpanExporter.create();

  private final SdkTracerProvider provider =
      SdkTracerProvider.builder()
          .setSampler(Sampler.alwaysOn())
          .setResource(
              Resource.getDefault().merge(Resource.builder().put("service.name", "orders").build()))
          .addSpanProcessor(SimpleSpanProcessor.create(this.memory))
          .build();

  @AfterEach
  void close() {
    this.provider.close();
  }

  @Test
  void rendersEachTraceAsIndentedTree() {
    List<SpanData> spans = recordOrderRequest();
    String traceId = spans.get(0).getTraceId();

    String[] lines = TraceLogSpanExporter.render(traceId, spans).split("\n");

    assertThat(lines[0]).isEqualTo("Checkly trace " + traceId + " from orders (3 spans)");
    assertThat(lines[1]).startsWith("  SERVER GET /orders/{id} -> 200 ");
    assertThat(lines[2]).startsWith("    CLIENT SELECT orders ");
    assertThat(lines[3]).startsWith("    CLIENT GET ").contains(" ERROR: timed out");
  }

  @Test
  void spansWhoseParentIsNotInTheBatchAreRoots() {
    List<SpanData> spans = recordOrderRequest();
    List<SpanData> childrenOnly =
        spans.stream().filter(span -> span.getKind() == SpanKind.CLIENT).toList();

    String[] lines =
        TraceLogSpanExporter.render(spans.get(0).getTraceId(), childrenOnly).split("\n");

    assertThat(lines).hasSize(3);
    assertThat(lines[1]).startsWith("  CLIENT SELECT orders");
    assertThat(lines[2]).startsWith("  CLIENT GET");
  }

  @Test
  void logsOneEntryPerTrace(CapturedOutput output) {
    List<SpanData> spans = recordOrderRequest();
    recordOrderRequest();
    List<SpanData> both = this.memory.getFinishedSpanItems();

    assertThat(new TraceLogSpanExporter().export(both).isSuccess()).isTrue();

    // Only this test's service: applications other tests left running may log their traces too.
    assertThat(output.getOut().split(" from orders \\(", -1)).hasSize(3);
    assertThat(output.getOut()).contains("Checkly trace " + spans.get(0).getTraceId());
  }

  /** Records one request's trace and returns its spans. */
  private List<SpanData> recordOrderRequest() {
    Tracer tracer = this.provider.get("test");
    Span server = tracer.spanBuilder("GET /orders/{id}").setSpanKind(SpanKind.SERVER).startSpan();
    try (Scope ignored = server.makeCurrent()) {
      tracer.spanBuilder("SELECT orders").setSpanKind(SpanKind.CLIENT).startSpan().end();
      tracer
          .spanBuilder("GET")
          .setSpanKind(SpanKind.CLIENT)
          .startSpan()
          .setStatus(StatusCode.ERROR, "timed out")
          .end();
    } finally {
      server.setAttribute("http.response.status_code", 200L);
      server.end();
    }
    String traceId = server.getSpanContext().getTraceId();
    return this.memory.getFinishedSpanItems().stream()
        .filter(span -> span.getTraceId().equals(traceId))
        .toList();
  }
}
