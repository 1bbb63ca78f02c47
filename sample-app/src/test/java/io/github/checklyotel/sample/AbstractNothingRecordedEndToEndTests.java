package io.github.checklyotel.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checklyotel.test.http.TestHttp;
import io.github.checklyotel.test.otlp.OtlpHttpReceiver;
import io.opentelemetry.api.OpenTelemetry;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * With tracing switched off, the application serves as usual, exports nothing, and its startup line
 * says that nothing is recorded, and why. The test starts the application itself, rather than
 * Spring's test support, so that it can end it: the application's end is the barrier behind which
 * "nothing" is checked.
 */
@ExtendWith(OutputCaptureExtension.class)
abstract class AbstractNothingRecordedEndToEndTests {

  /** The setting that switches tracing off, as a command-line argument. */
  abstract String offSwitch();

  /** The startup line that says so. */
  abstract String startupLine();

  /** What else holds of the running application. */
  void whileRunning(ConfigurableApplicationContext app) {}

  @Test
  void servesRequestsExportsNothingAndSaysSo(CapturedOutput output) throws Exception {
    try (OtlpHttpReceiver receiver = OtlpHttpReceiver.start()) {
      ConfigurableApplicationContext app =
          new SpringApplicationBuilder(SampleApplication.class)
              .run(
                  "--server.port=0",
                  "--spring.datasource.url=jdbc:h2:mem:" + getClass().getSimpleName(),
                  "--otel.exporter.otlp.endpoint=" + receiver.endpoint(),
                  "--otel.exporter.otlp.protocol=" + receiver.protocol(),
                  offSwitch());
      try {
        int port = app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        for (int i = 0; i < 3; i++) {
          HttpResponse<String> response =
              TestHttp.send(
                  TestHttp.request(port, "/api/orders/1")
                      .header("tracestate", "checkly=true")
                      .timeout(Duration.ofSeconds(10))
                      .build());
          assertThat(response.statusCode()).isEqualTo(200);
        }
        OpenTelemetry openTelemetry = app.getBean(OpenTelemetry.class);
        assertThat(openTelemetry.getTracerProvider().get("test").spanBuilder("probe").startSpan())
            .satisfies((span) -> assertThat(span.isRecording()).isFalse());
        whileRunning(app);
      } finally {
        // No pipeline here to flush or to send a marker through: the barrier is the application's
        // end. Closing it destroys every bean, and an SDK or exporter bean, were there one, sends
        // what it holds as it is destroyed (ShutdownFlushEndToEndTests); the receiver stays open
        // until after. Once close() returns, nothing of this application can reach the receiver
        // any more: empty then means nothing was exported, not nothing yet.
        app.close();
      }
      assertThat(receiver.exports()).isEmpty();
    }
    assertThat(output.getOut()).contains(startupLine()).doesNotContain("Checkly tracing is on");
  }
}
