package io.github.checklyotel.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.TracerProvider;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** {@code checkly.enabled=false}: the starter stands aside and OpenTelemetry is a no-op. */
@TestPropertySource(properties = "checkly.enabled=false")
class DisabledEndToEndTests extends AbstractNothingRecordedEndToEndTests {

  @Override
  String startupLine() {
    return "Checkly tracing is off (checkly.enabled=false): no spans are recorded";
  }

  @Test
  void openTelemetryIsANoop() {
    assertThat(this.openTelemetry.getTracerProvider()).isSameAs(TracerProvider.noop());
  }
}
