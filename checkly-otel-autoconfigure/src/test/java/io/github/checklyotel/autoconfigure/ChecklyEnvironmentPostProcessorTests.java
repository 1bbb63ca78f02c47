package io.github.checklyotel.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;
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
  void turnsOffSpringBootsOtlpMetricsAndLogsExportersThatNobodyConfigured() {
    MockEnvironment environment = process(new MockEnvironment());
    assertThat(environment.getProperty("management.otlp.metrics.export.enabled"))
        .isEqualTo("false");
    assertThat(environment.getProperty("management.logging.export.otlp.enabled"))
        .isEqualTo("false");
  }

  @Test
  void whatSpringBootDerivesFromTheOtelVariablesIsNotTheUsersConfiguration() {
    MockEnvironment environment = new MockEnvironment();
    // As Spring Boot 4.1 maps OTEL_EXPORTER_OTLP_ENDPOINT, above everything else.
    environment
        .getPropertySources()
        .addFirst(
            new MapPropertySource(
                "openTelemetryEnvironmentVariables",
                Map.of(
                    "management.otlp.metrics.export.url",
                    "https://otel.eu-west-1.checklyhq.com/v1/metrics",
                    "management.opentelemetry.logging.export.otlp.endpoint",
                    "https://otel.eu-west-1.checklyhq.com/v1/logs")));
    process(environment);
    assertThat(starterDefault(environment, "management.otlp.metrics.export.enabled"))
        .isEqualTo("false");
    assertThat(environment.getProperty("management.logging.export.otlp.enabled"))
        .isEqualTo("false");
  }

  @Test
  void keepsEachSpringBootExporterTheUserConfigured() {
    for (Map.Entry<String, List<String>> export :
        ChecklyEnvironmentDefaults.BOOT_EXPORTS.entrySet()) {
      for (String setting : export.getValue()) {
        MockEnvironment environment = process(new MockEnvironment().withProperty(setting, "x"));
        assertThat(starterDefault(environment, export.getKey()))
            .as("%s with %s set", export.getKey(), setting)
            .isNull();
      }
    }
  }

  @Test
  void anExporterListThatSaysNoneConfiguresNothing() {
    MockEnvironment environment =
        process(
            new MockEnvironment()
                .withProperty("otel.metrics.exporter", "none")
                .withProperty("otel.logs.exporter", " none "));
    assertThat(environment.getProperty("management.otlp.metrics.export.enabled"))
        .isEqualTo("false");
    assertThat(environment.getProperty("management.logging.export.otlp.enabled"))
        .isEqualTo("false");
  }

  @Test
  void aSignalsOwnVariableCountsAsTheUsersConfiguration() {
    MockEnvironment environment = new MockEnvironment();
    environment
        .getPropertySources()
        .addFirst(
            new SystemEnvironmentPropertySource(
                "systemEnvironment",
                Map.of("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "http://collector:4318/v1/metrics")));
    process(environment);
    assertThat(starterDefault(environment, "management.otlp.metrics.export.enabled")).isNull();
    assertThat(environment.getProperty("management.logging.export.otlp.enabled"))
        .isEqualTo("false");
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
  void springBoot3sPostProcessorStandsAsideOnSpringBoot4() {
    MockEnvironment environment = new MockEnvironment();
    new ChecklyBoot3EnvironmentPostProcessor()
        .postProcessEnvironment(environment, new SpringApplication());
    assertThat(
            environment
                .getPropertySources()
                .contains(ChecklyEnvironmentPostProcessor.PROPERTY_SOURCE_NAME))
        .isFalse();
  }

  @Test
  @SuppressWarnings("removal")
  void bothAreRegisteredUnderTheirSpringBootLinesKeys() {
    SpringFactoriesLoader factories = SpringFactoriesLoader.forDefaultResourceLocation();
    // Spring Boot's own post-processors need arguments this test has no use for.
    FailureHandler skipOthers = FailureHandler.handleMessage((message, failure) -> {});
    assertThat(
            factories.load(
                org.springframework.boot.EnvironmentPostProcessor.class, null, skipOthers))
        .hasAtLeastOneElementOfType(ChecklyEnvironmentPostProcessor.class);
    assertThat(
            factories.load(
                org.springframework.boot.env.EnvironmentPostProcessor.class, null, skipOthers))
        .hasAtLeastOneElementOfType(ChecklyBoot3EnvironmentPostProcessor.class);
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

  /** What the starter's own property source holds for {@code name}, whatever else is set. */
  private static Object starterDefault(MockEnvironment environment, String name) {
    return environment
        .getPropertySources()
        .get(ChecklyEnvironmentPostProcessor.PROPERTY_SOURCE_NAME)
        .getProperty(name);
  }
}
