package io.github.checklyotel.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checklyotel.test.http.TestHttp;
import io.github.checklyotel.test.otlp.OtlpHttpReceiver;
import io.github.checklyotel.test.otlp.OtlpReceiver.ReceivedSpan;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** On shutdown, the spans still queued are flushed to the endpoint before the application ends. */
class ShutdownFlushEndToEndTests {

  private final OtlpHttpReceiver receiver = OtlpHttpReceiver.start();

  @AfterEach
  void stopReceiver() {
    this.receiver.close();
  }

  @Test
  void spansOfTheLastRequestsReachTheEndpoint() throws Exception {
    ConfigurableApplicationContext app =
        new SpringApplicationBuilder(SampleApplication.class)
            .run(
                "--server.port=0",
                "--spring.datasource.url=jdbc:h2:mem:shutdown-db",
                "--otel.exporter.otlp.endpoint=" + this.receiver.endpoint(),
                // Nothing is exported on schedule during the test: only the shutdown flush can.
                "--otel.bsp.schedule.delay=600000");
    int port = app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> response =
          TestHttp.send(
              TestHttp.request(port, "/api/orders/1").header("tracestate", "checkly=true").build());
      assertThat(response.statusCode()).isEqualTo(200);
    }
    assertThat(this.receiver.spans()).isEmpty();

    app.close();

    assertThat(this.receiver.spans()).hasSize(15);
    assertThat(this.receiver.spans()).extracting(ReceivedSpan::spanId).doesNotHaveDuplicates();
  }
}
