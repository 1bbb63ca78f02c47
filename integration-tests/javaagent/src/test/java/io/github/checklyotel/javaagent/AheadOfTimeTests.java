package io.github.checklyotel.javaagent;

import static io.github.checklyotel.javaagent.CheckedTraces.assertCompleteOrderTrace;
import static io.github.checklyotel.test.TraceHeaders.PARENT_ID;
import static io.github.checklyotel.test.TraceHeaders.TRACE_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.checklyotel.test.otlp.OtlpReceiver.ReceivedSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The sample application's jar, AOT-processed at build time ({@code process-aot}) and run with
 * Spring AOT's generated code, as a native image would run it (no GraalVM here: the JVM runs the
 * same generated code). It traces as without AOT; run in another tracing mode than it was built in,
 * it stops with an analysis instead of silently keeping the build's.
 */
class AheadOfTimeTests {

  @Test
  void checklyRequestIsOneCompleteTraceAndOtherRequestsNone() {
    try (SampleJarApplication application =
        SampleJarApplication.start("aot", SampleJarApplication.AHEAD_OF_TIME, Map.of())) {
      assertThat(application.log())
          .contains("Starting AOT-processed SampleApplication")
          .contains("Checkly tracing is on for service 'jar-aot'");
      assertThat(application.get("/api/orders/1").statusCode()).isEqualTo(200);
      assertThat(
              application
                  .get(
                      "/api/orders/1",
                      "traceparent",
                      "00-" + TRACE_ID + "-" + PARENT_ID + "-01",
                      "tracestate",
                      "checkly=true")
                  .statusCode())
          .isEqualTo(200);
      List<ReceivedSpan> spans = application.exportedSpans();
      assertCompleteOrderTrace(spans, PARENT_ID);
      assertThat(spans).allSatisfy((span) -> assertThat(span.traceId()).isEqualTo(TRACE_ID));
    }
  }

  @Test
  void withTheSdkDisabledAtRunTimeItSaysSoAndRecordsNothing() {
    try (SampleJarApplication application =
        SampleJarApplication.start(
            "aot-sdk-disabled",
            SampleJarApplication.AHEAD_OF_TIME,
            Map.of("OTEL_SDK_DISABLED", "true"))) {
      assertThat(application.get("/api/orders/1", "tracestate", "checkly=true").statusCode())
          .isEqualTo(200);
      // No SDK, so no pipeline a marker could go through: the barrier is the application's end,
      // where an SDK, were there one, would export all it holds (SampleJarApplication.stop()).
      application.stop();
      assertThat(application.receiver().exports()).isEmpty();
      assertThat(application.log())
          .contains("Checkly tracing is off: the OpenTelemetry SDK is disabled")
          .doesNotContain("Checkly tracing is on");
    }
  }

  @Test
  void switchedOffAtRunTimeItStopsWithTheAnalysis() {
    String log =
        SampleJarApplication.runToFailure(
            "aot-disabled", SampleJarApplication.AHEAD_OF_TIME, Map.of("CHECKLY_ENABLED", "false"));
    assertThat(log)
        .contains("APPLICATION FAILED TO START")
        .contains("processed ahead of time (Spring AOT) with Checkly tracing on")
        .contains("now runs with Checkly tracing off (checkly.enabled=false)")
        .contains("-Dcheckly.enabled=false");
  }

  @Test
  void underTheJavaAgentItStopsWithTheAnalysis() {
    List<String> options = new ArrayList<>(SampleJarApplication.underAgent(true));
    options.addAll(SampleJarApplication.AHEAD_OF_TIME);
    String log = SampleJarApplication.runToFailure("aot-agent", options, Map.of());
    assertThat(log)
        .contains("APPLICATION FAILED TO START")
        .contains("now runs under the OpenTelemetry Java agent");
  }
}
