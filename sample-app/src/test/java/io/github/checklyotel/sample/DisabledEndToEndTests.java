package io.github.checklyotel.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checklyotel.test.http.TestHttp;
import io.github.checklyotel.test.otlp.OtlpHttpReceiver;
import io.github.checklyotel.test.otlp.WithOtlpReceiver;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.TracerProvider;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/** With {@code checkly.enabled=false} the application serves as usual and nothing is exported. */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {"checkly.enabled=false", "otel.bsp.schedule.delay=100"})
@DirtiesContext
@WithOtlpReceiver
class DisabledEndToEndTests {

  @Autowired OtlpHttpReceiver receiver;

  @LocalServerPort int port;

  @Autowired OpenTelemetry openTelemetry;

  @Test
  void servesRequestsAndExportsNothing() throws Exception {
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> response =
          TestHttp.send(
              TestHttp.request(this.port, "/api/orders/1")
                  .header("tracestate", "checkly=true")
                  .timeout(Duration.ofSeconds(10))
                  .build());
      assertThat(response.statusCode()).isEqualTo(200);
    }
    assertThat(this.openTelemetry.getTracerProvider()).isSameAs(TracerProvider.noop());
    Thread.sleep(500);
    assertThat(receiver.exports()).isEmpty();
  }
}
