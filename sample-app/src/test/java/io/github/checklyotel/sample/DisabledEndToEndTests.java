package io.github.checklyotel.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checklyotel.test.otlp.OtlpHttpReceiver;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.TracerProvider;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** With {@code checkly.enabled=false} the application serves as usual and nothing is exported. */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {"checkly.enabled=false", "otel.bsp.schedule.delay=100"})
@DirtiesContext
class DisabledEndToEndTests {

  private static final OtlpHttpReceiver receiver = OtlpHttpReceiver.start();

  @DynamicPropertySource
  static void exporter(DynamicPropertyRegistry registry) {
    registry.add("otel.exporter.otlp.endpoint", receiver::endpoint);
  }

  @AfterAll
  static void stopReceiver() {
    receiver.close();
  }

  @LocalServerPort int port;

  @Autowired OpenTelemetry openTelemetry;

  @Test
  void servesRequestsAndExportsNothing() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/orders/1"))
                  .header("tracestate", "checkly=true")
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
    }
    assertThat(this.openTelemetry.getTracerProvider()).isSameAs(TracerProvider.noop());
    Thread.sleep(500);
    assertThat(receiver.exports()).isEmpty();
  }
}
