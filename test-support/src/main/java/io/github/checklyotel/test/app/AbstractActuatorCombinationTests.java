package io.github.checklyotel.test.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What must also hold where Actuator is on the classpath: Micrometer Observations become spans, and
 * Actuator's HTTP server metrics still count every request, Checkly's or not.
 */
public abstract class AbstractActuatorCombinationTests extends AbstractCombinationTests {

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
