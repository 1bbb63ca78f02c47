package io.github.checklyotel.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class ChecklyEnvironmentPostProcessorTests {

  private final ChecklyEnvironmentPostProcessor postProcessor =
      new ChecklyEnvironmentPostProcessor();

  @Test
  void turnsOffInstrumentationFeedingSignalsThatAreNotExported() {
    MockEnvironment environment = process(new MockEnvironment());
    assertThat(environment.getProperty("otel.instrumentation.runtime-telemetry.enabled"))
        .isEqualTo("false");
    assertThat(environment.getProperty("otel.instrumentation.logback-appender.enabled"))
        .isEqualTo("false");
    assertThat(environment.getProperty("otel.instrumentation.log4j-appender.enabled"))
        .isEqualTo("false");
  }

  @Test
  void keepsThemWhenTheirSignalIsExported() {
    MockEnvironment environment =
        process(
            new MockEnvironment()
                .withProperty("otel.metrics.exporter", "otlp")
                .withProperty("otel.logs.exporter", "otlp"));
    assertThat(environment.getProperty("otel.instrumentation.runtime-telemetry.enabled")).isNull();
    assertThat(environment.getProperty("otel.instrumentation.logback-appender.enabled")).isNull();
  }

  @Test
  void userValuesWin() {
    MockEnvironment environment =
        process(
            new MockEnvironment()
                .withProperty("otel.instrumentation.runtime-telemetry.enabled", "true"));
    assertThat(environment.getProperty("otel.instrumentation.runtime-telemetry.enabled"))
        .isEqualTo("true");
  }

  @Test
  void addsNothingWhenChecklyIsOff() {
    MockEnvironment environment =
        process(new MockEnvironment().withProperty("checkly.enabled", "false"));
    assertThat(
            environment
                .getPropertySources()
                .contains(ChecklyEnvironmentPostProcessor.PROPERTY_SOURCE_NAME))
        .isFalse();
  }

  private MockEnvironment process(MockEnvironment environment) {
    this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
    return environment;
  }
}
