package io.github.checklyotel.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.checklyotel.test.http.TestHttp;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The sample application as a developer first runs it: no OTLP endpoint, so Checkly traces go to
 * the log, with one hint at startup on how to reach Checkly, and no exporter connection attempts.
 */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {"otel.bsp.schedule.delay=100", "otel.exporter.otlp.endpoint="})
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class LogExporterEndToEndTests {

  @LocalServerPort int port;

  @Test
  void writesChecklyTracesToTheLog(CapturedOutput output) throws Exception {
    String traceId = "7bf92f3577b34da6a3ce929d0e0e4739";
    TestHttp.send(
        request("/api/orders/1")
            .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
            .header("tracestate", "checkly=true")
            .build());
    String plainTraceId = "8bf92f3577b34da6a3ce929d0e0e4730";
    TestHttp.send(
        request("/api/orders/1")
            .header("traceparent", "00-" + plainTraceId + "-00f067aa0ba902b7-01")
            .build());

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> output.getOut().contains("Checkly trace " + traceId));
    assertThat(output.getOut())
        .contains("SERVER GET /api/orders/{id} -> 200")
        .contains("SERVER GET /api/inventory/{sku} -> 200")
        .doesNotContain(plainTraceId)
        .doesNotContain("Failed to export");
    assertThat(output.getOut().split("OTEL_EXPORTER_OTLP_ENDPOINT=https://otel", -1)).hasSize(2);
  }

  private HttpRequest.Builder request(String path) {
    return TestHttp.request(this.port, path).timeout(Duration.ofSeconds(10));
  }
}
