package io.github.checklyotel.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.checklyotel.test.app.AbstractCombinationTests;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * (c) The starter with Spring Boot's own OpenTelemetry support (spring-boot-starter-opentelemetry):
 * Boot's tracing must use the one SDK of the starter, not build a second one.
 */
class BootOpenTelemetryCombinationTests extends AbstractCombinationTests {

  @Autowired MeterRegistry meterRegistry;

  @Override
  protected boolean recordsObservations() {
    return true;
  }

  @Test
  void httpServerMetricsCountEveryRequest() throws Exception {
    double before = count();
    get("/work", true);
    get("/work", false);
    get("/work", false);
    // The observation stops after the response is written: wait for the last one.
    await().atMost(Duration.ofSeconds(10)).until(() -> count() - before >= 3);
    assertThat(count() - before).isEqualTo(3);
  }

  private double count() {
    Timer timer = this.meterRegistry.find("http.server.requests").tag("uri", "/work").timer();
    return timer == null ? 0 : timer.count();
  }
}
