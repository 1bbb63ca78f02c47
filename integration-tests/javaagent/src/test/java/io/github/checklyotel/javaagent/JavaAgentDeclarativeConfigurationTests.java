package io.github.checklyotel.javaagent;

import static io.github.checklyotel.javaagent.CheckedTraces.assertCompleteOrderTrace;
import static io.github.checklyotel.test.TraceHeaders.PARENT_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.checklyotel.test.otlp.OtlpReceiver.Export;
import io.github.checklyotel.test.otlp.OtlpReceiver.ReceivedSpan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent configured by a declarative configuration file ({@code -Dotel.config.file}), where it
 * calls none of the extension's properties customizers: a file that records everything (a ratio
 * sampler of 1, the {@code tracecontext} propagator) still records only the Checkly request, whole,
 * and exports nothing but traces; the agent's log says what the extension changed.
 */
class JavaAgentDeclarativeConfigurationTests {

  private static final String CONFIGURATION =
      """
      file_format: "1.1"
      resource:
        attributes:
          - name: service.name
            value: jar-declarative
      propagator:
        composite:
          - tracecontext:
          - baggage:
      tracer_provider:
        sampler:
          trace_id_ratio_based:
            ratio: 1.0
        processors:
          - batch:
              schedule_delay: 100
              exporter:
                otlp_http:
                  endpoint: ${OTEL_EXPORTER_OTLP_ENDPOINT}/v1/traces
      """;

  @TempDir Path temp;

  @Test
  void aFileThatRecordsEverythingRecordsOnlyTheChecklyRequest() throws IOException {
    Path file = Files.writeString(this.temp.resolve("otel.yaml"), CONFIGURATION);
    List<String> options = new ArrayList<>(SampleJarApplication.underAgent(true));
    options.add("-Dotel.config.file=" + file);
    try (SampleJarApplication application =
        SampleJarApplication.start("declarative", options, Map.of())) {
      for (int i = 0; i < 3; i++) {
        assertThat(application.get("/api/orders/1").statusCode()).isEqualTo(200);
      }
      String foreign = "1af92f3577b34da6a3ce929d0e0e4736";
      assertThat(
              application
                  .get("/api/orders/1", "traceparent", "00-" + foreign + "-" + PARENT_ID + "-01")
                  .statusCode())
          .isEqualTo(200);
      String check = "2af92f3577b34da6a3ce929d0e0e4736";
      assertThat(
              application
                  .get(
                      "/api/orders/1",
                      "traceparent",
                      "00-" + check + "-" + PARENT_ID + "-01",
                      "tracestate",
                      "checkly=true")
                  .statusCode())
          .isEqualTo(200);

      // Metrics and logs too: the barrier is the application's end (SampleJarApplication.stop()).
      application.stop();
      List<ReceivedSpan> spans = application.receiver().spans();
      assertCompleteOrderTrace(spans, PARENT_ID);
      assertThat(spans).extracting(ReceivedSpan::traceId).containsOnly(check);
      assertThat(application.receiver().exports())
          .extracting(Export::signal)
          .containsOnly("traces");
      assertThat(application.log())
          .contains(
              "Checkly extension for the OpenTelemetry Java agent (declarative configuration):"
                  + " recording only requests with tracestate checkly=true")
          .contains("metrics off, logs off")
          .contains("tracer_provider.sampler set to checkly in place of trace_id_ratio_based")
          .contains("propagator checkly in place of tracecontext");
    }
  }
}
