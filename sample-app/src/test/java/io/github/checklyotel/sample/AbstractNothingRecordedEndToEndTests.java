package io.github.checklyotel.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checklyotel.test.http.TestHttp;
import io.github.checklyotel.test.otlp.OtlpHttpReceiver;
import io.github.checklyotel.test.otlp.WithOtlpReceiver;
import io.opentelemetry.api.OpenTelemetry;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * With tracing switched off, the application serves as usual, exports nothing, and its startup line
 * says that nothing is recorded, and why.
 */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = "otel.bsp.schedule.delay=100")
@DirtiesContext
@WithOtlpReceiver
@ExtendWith(OutputCaptureExtension.class)
abstract class AbstractNothingRecordedEndToEndTests {

  @Autowired OtlpHttpReceiver receiver;

  @LocalServerPort int port;

  @Autowired OpenTelemetry openTelemetry;

  /** The startup line that says so. */
  abstract String startupLine();

  @Test
  void servesRequestsExportsNothingAndSaysSo(CapturedOutput output) throws Exception {
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> response =
          TestHttp.send(
              TestHttp.request(this.port, "/api/orders/1")
                  .header("tracestate", "checkly=true")
                  .timeout(Duration.ofSeconds(10))
                  .build());
      assertThat(response.statusCode()).isEqualTo(200);
    }
    assertThat(this.openTelemetry.getTracerProvider().get("test").spanBuilder("probe").startSpan())
        .satisfies((span) -> assertThat(span.isRecording()).isFalse());
    Thread.sleep(500);
    assertThat(this.receiver.exports()).isEmpty();
    assertThat(output.getOut()).contains(startupLine()).doesNotContain("Checkly tracing is on");
  }
}
