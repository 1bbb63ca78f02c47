package io.github.checklyotel.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.TracerProvider;
import org.springframework.context.ConfigurableApplicationContext;

/** {@code checkly.enabled=false}: the starter stands aside and OpenTelemetry is a no-op. */
class DisabledEndToEndTests extends AbstractNothingRecordedEndToEndTests {

  @Override
  String offSwitch() {
    return "--checkly.enabled=false";
  }

  @Override
  String startupLine() {
    return "Checkly tracing is off (checkly.enabled=false): no spans are recorded";
  }

  /** OpenTelemetry is a no-op. */
  @Override
  void whileRunning(ConfigurableApplicationContext app) {
    assertThat(app.getBean(OpenTelemetry.class).getTracerProvider())
        .isSameAs(TracerProvider.noop());
  }
}
