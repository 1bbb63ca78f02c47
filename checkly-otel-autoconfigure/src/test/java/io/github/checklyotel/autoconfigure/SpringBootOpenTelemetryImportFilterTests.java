package io.github.checklyotel.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class SpringBootOpenTelemetryImportFilterTests {

  private static final String BOOT_SDK =
      "org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration";

  private static final String BOOT_TRACING =
      "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration";

  private static final String BOOT_HANDLERS =
      "org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration";

  private static final String OTHER = "com.example.OtherAutoConfiguration";

  /** The null stands where an earlier filter removed a candidate. */
  private static final String[] CANDIDATES = {BOOT_SDK, BOOT_TRACING, BOOT_HANDLERS, OTHER, null};

  @Test
  void leavesOutSpringBootsOwnPipelineButKeepsItsHandlers() {
    assertThat(match(new MockEnvironment())).containsExactly(false, false, true, true, true);
  }

  @Test
  void everyExcludedClassIsOneSpringBootShips() {
    assertThat(SpringBootOpenTelemetryImportFilter.EXCLUDED)
        .hasSize(11)
        .allMatch(name -> name.startsWith("org.springframework.boot."));
  }

  @Test
  void canBeTurnedOff() {
    MockEnvironment environment =
        new MockEnvironment().withProperty("checkly.exclude-spring-boot-opentelemetry", "false");
    assertThat(match(environment)).containsOnly(true);
  }

  @Test
  void doesNothingWhenChecklyIsOff() {
    assertThat(match(new MockEnvironment().withProperty("checkly.enabled", "false")))
        .containsOnly(true);
  }

  @Test
  void doesNothingWhenOpenTelemetrysSdkIsOff() {
    assertThat(match(new MockEnvironment().withProperty("otel.sdk.disabled", "true")))
        .containsOnly(true);
  }

  private static boolean[] match(MockEnvironment environment) {
    SpringBootOpenTelemetryImportFilter filter = new SpringBootOpenTelemetryImportFilter();
    filter.setEnvironment(environment);
    return filter.match(CANDIDATES, null);
  }
}
