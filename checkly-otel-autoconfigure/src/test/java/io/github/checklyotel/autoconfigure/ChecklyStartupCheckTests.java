package io.github.checklyotel.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.registry.otlp.OtlpConfig;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.spring.autoconfigure.OpenTelemetryAutoConfiguration;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;

/**
 * The startup check against the SDK really built: OpenTelemetry's starter with the Checkly sampler
 * passes; a sampler or an SDK of the user's that records everything stops startup, unless the check
 * is turned off.
 */
class ChecklyStartupCheckTests {

  private static final String METRICS_AT_TRACES = "http://127.0.0.1:4318/v1/metrics";

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withPropertyValues("otel.traces.exporter=none")
          .withConfiguration(
              AutoConfigurations.of(
                  ChecklyTracingAutoConfiguration.class, OpenTelemetryAutoConfiguration.class));

  @Test
  void theStartersOwnSdkPasses() {
    this.runner.run(
        context -> {
          assertThat(context).hasNotFailed().hasSingleBean(ChecklyStartupCheck.class);
          assertThat(ChecklyStartupCheck.probe(context.getBean(OpenTelemetry.class))).isEmpty();
        });
  }

  @Test
  void aSamplerThatRecordsEverythingStopsStartupWithAnAnalysis() {
    this.runner
        .withUserConfiguration(AlwaysOnSamplerConfiguration.class)
        .run(
            context -> {
              assertThat(context).hasFailed();
              Throwable failure = context.getStartupFailure();
              ChecklyStartupCheckException cause = findCause(failure);
              assertThat(cause.getProblems())
                  .hasSize(2)
                  .anySatisfy(problem -> assertThat(problem).contains("without a parent"))
                  .anySatisfy(problem -> assertThat(problem).contains("another system's"));
              FailureAnalysis analysis = new ChecklyStartupCheckFailureAnalyzer().analyze(failure);
              assertThat(analysis.getDescription()).contains("without a parent");
              assertThat(analysis.getAction()).contains("checkly.startup-check.enabled=false");
            });
  }

  @Test
  void anSdkOfTheUsersIsCheckedToo() {
    this.runner
        .withUserConfiguration(UserSdkConfiguration.class)
        .run(context -> assertThat(context).hasFailed());
  }

  @Test
  void standsAsideWhenTheSdkIsDisabledWhichUnderSpringAotStillBuildsOne() {
    this.runner
        .withUserConfiguration(UserSdkConfiguration.class)
        .withPropertyValues("otel.sdk.disabled=true")
        .run(context -> assertThat(context).hasNotFailed());
  }

  @Test
  void theCheckCanBeTurnedOff() {
    this.runner
        .withUserConfiguration(AlwaysOnSamplerConfiguration.class)
        .withPropertyValues("checkly.startup-check.enabled=false")
        .run(context -> assertThat(context).hasNotFailed());
  }

  /**
   * Spring Boot 4.1 ranks what it derives from {@code OTEL_EXPORTER_OTLP_ENDPOINT} above the user's
   * own {@code management.otlp.metrics.export.url}: the registry then sends to the trace endpoint,
   * and the check says why.
   */
  @Test
  void aUsersMetricsUrlThatSpringBootReplacedIsCaught() {
    this.runner
        .withInitializer(
            context ->
                context
                    .getEnvironment()
                    .getPropertySources()
                    .addFirst(
                        new MapPropertySource(
                            "openTelemetryEnvironmentVariables",
                            Map.of("management.otlp.metrics.export.url", METRICS_AT_TRACES))))
        .withPropertyValues(
            "otel.traces.exporter=otlp",
            "otel.exporter.otlp.endpoint=http://127.0.0.1:4318",
            "management.otlp.metrics.export.url=http://collector:4318/v1/metrics")
        .withBean(OtlpConfig.class, () -> key -> key.endsWith(".url") ? METRICS_AT_TRACES : null)
        .run(
            context ->
                assertThat(findCause(context.getStartupFailure()).getProblems())
                    .singleElement()
                    .asString()
                    .contains("Spring Boot 4.1 replaces it")
                    .contains("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"));
  }

  @Test
  void aRegistryTheUserTurnedOnToSendWhereTheVariablesSayIsTheirs() {
    this.runner
        .withPropertyValues(
            "otel.traces.exporter=otlp",
            "otel.exporter.otlp.endpoint=http://127.0.0.1:4318",
            "management.otlp.metrics.export.enabled=true")
        .withBean(OtlpConfig.class, () -> key -> key.endsWith(".url") ? METRICS_AT_TRACES : null)
        .run(context -> assertThat(context).hasNotFailed());
  }

  @Test
  void micrometersOtlpRegistryPublishingToTheTraceEndpointStopsStartup() {
    this.runner
        .withPropertyValues(
            "otel.traces.exporter=otlp", "otel.exporter.otlp.endpoint=http://127.0.0.1:4318")
        .withBean(OtlpConfig.class, () -> key -> key.endsWith(".url") ? METRICS_AT_TRACES : null)
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(findCause(context.getStartupFailure()).getProblems())
                  .singleElement()
                  .asString()
                  .contains("Micrometer's OTLP registry")
                  .contains("127.0.0.1:4318");
            });
  }

  @Test
  void aRegistryTheUserPointedAtTheTraceEndpointOnPurposeIsTheirs() {
    this.runner
        .withPropertyValues(
            "otel.traces.exporter=otlp",
            "otel.exporter.otlp.endpoint=http://127.0.0.1:4318",
            "management.otlp.metrics.export.url=" + METRICS_AT_TRACES)
        .withBean(OtlpConfig.class, () -> key -> key.endsWith(".url") ? METRICS_AT_TRACES : null)
        .run(context -> assertThat(context).hasNotFailed());
  }

  @Test
  void aRegistryPublishingElsewhereIsFine() {
    this.runner
        .withPropertyValues(
            "otel.traces.exporter=otlp", "otel.exporter.otlp.endpoint=http://127.0.0.1:4318")
        .withBean(
            OtlpConfig.class,
            () -> key -> key.endsWith(".url") ? "http://collector:4318/v1/metrics" : null)
        .run(context -> assertThat(context).hasNotFailed());
  }

  private static ChecklyStartupCheckException findCause(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof ChecklyStartupCheckException check) {
        return check;
      }
    }
    throw new AssertionError("No startup check failure in " + failure);
  }

  @Configuration(proxyBeanMethods = false)
  static class AlwaysOnSamplerConfiguration {

    @Bean
    Sampler alwaysOnSampler() {
      return Sampler.alwaysOn();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class UserSdkConfiguration {

    @Bean
    OpenTelemetry userOpenTelemetry() {
      return OpenTelemetrySdk.builder()
          .setTracerProvider(
              SdkTracerProvider.builder()
                  .addSpanProcessor(SimpleSpanProcessor.create(InMemorySpanExporter.create()))
                  .build())
          .build();
    }
  }
}
