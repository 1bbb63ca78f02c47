package io.github.checklyotel.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checklyotel.test.http.TestHttp;
import io.github.checklyotel.test.otlp.OtlpHttpReceiver;
import io.github.checklyotel.test.otlp.OtlpReceiver.ReceivedSpan;
import io.github.checklyotel.test.otlp.OtlpReceiverExtension;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * OpenTelemetry's declarative configuration ({@code otel.file_format} in {@code application.yml}),
 * where OpenTelemetry's starter builds the SDK from a model and no properties customizer runs: the
 * model the user wrote, without the Checkly components or with a sampler that records everything,
 * still records only the Checkly request, whole, and the startup line says what was changed. Each
 * application is closed, which flushes its spans, before the receiver is read.
 */
@ExtendWith(OutputCaptureExtension.class)
class DeclarativeConfigurationEndToEndTests {

  private static final String TRACE_ID = "6af7651916cd43dd8448eb211c80319c";

  @RegisterExtension
  static final OtlpReceiverExtension<OtlpHttpReceiver> otlp = OtlpReceiverExtension.http();

  private static final OtlpHttpReceiver receiver = otlp.receiver();

  @BeforeEach
  void emptyReceiver() {
    receiver.clear();
  }

  @Test
  void aModelWithoutTheChecklyComponentsGetsThem(CapturedOutput output) throws Exception {
    runRequests();
    assertOnlyTheChecklyTrace();
    assertThat(output.getOut())
        .contains("Checkly tracing is on (declarative configuration, file_format 1.1)")
        .contains("metrics off, logs off")
        .contains("tracer_provider.sampler set to checkly")
        .contains("propagator set to checkly, baggage")
        .contains("span processor checkly added");
  }

  @Test
  void aSamplerThatRecordsEverythingIsReplaced(CapturedOutput output) throws Exception {
    runRequests(
        "--otel.tracer_provider.sampler.trace_id_ratio_based.ratio=1.0",
        "--otel.propagator.composite_list=tracecontext,baggage");
    assertOnlyTheChecklyTrace();
    assertThat(output.getOut())
        .contains("tracer_provider.sampler set to checkly in place of trace_id_ratio_based")
        .contains("propagator checkly in place of tracecontext in composite_list");
  }

  /** Three plain requests, one of another system's trace, one Checkly request; then a close. */
  private static void runRequests(String... more) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--server.port=0",
                "--spring.datasource.url=jdbc:h2:mem:declarative",
                "--otel.file_format=1.1",
                "--otel.resource.attributes[0].name=service.name",
                "--otel.resource.attributes[0].value=declarative-orders",
                "--otel.tracer_provider.processors[0].batch.schedule_delay=100",
                "--otel.tracer_provider.processors[0].batch.exporter.otlp_http.endpoint="
                    + receiver.endpoint()
                    + "/v1/traces"));
    args.addAll(List.of(more));
    try (ConfigurableApplicationContext app =
        new SpringApplicationBuilder(SampleApplication.class).run(args.toArray(new String[0]))) {
      int port = app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
      for (int i = 0; i < 3; i++) {
        assertThat(TestHttp.get(port, "/api/orders/1").statusCode()).isEqualTo(200);
      }
      HttpRequest foreign =
          TestHttp.request(port, "/api/orders/1")
              .header("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
              .build();
      assertThat(TestHttp.send(foreign).statusCode()).isEqualTo(200);
      HttpRequest checkly =
          TestHttp.request(port, "/api/orders/1")
              .header("traceparent", "00-" + TRACE_ID + "-b7ad6b7169203331-01")
              .header("tracestate", "checkly=true")
              .build();
      assertThat(TestHttp.send(checkly).statusCode()).isEqualTo(200);
    }
  }

  private static void assertOnlyTheChecklyTrace() {
    List<ReceivedSpan> spans = receiver.spans();
    // The order request, its query and inventory call, and the inventory request with its query.
    assertThat(spans).hasSize(5).extracting(ReceivedSpan::traceId).containsOnly(TRACE_ID);
    assertThat(spans).extracting(ReceivedSpan::serviceName).containsOnly("declarative-orders");
    assertThat(spans).filteredOn(span -> span.kind() == SpanKind.SPAN_KIND_SERVER).hasSize(2);
    assertThat(spans)
        .filteredOn(span -> span.kind() == SpanKind.SPAN_KIND_SERVER)
        .allSatisfy(span -> assertThat(span.span().getTraceState()).isEqualTo("checkly=true"));
  }
}
