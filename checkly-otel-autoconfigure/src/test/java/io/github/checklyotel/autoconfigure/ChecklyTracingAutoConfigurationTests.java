package io.github.checklyotel.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checklyotel.logging.TraceLogSpanExporterProvider;
import io.github.checklyotel.sampling.ChecklySampler;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.instrumentation.spring.autoconfigure.OpenTelemetryAutoConfiguration;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@ExtendWith(OutputCaptureExtension.class)
class ChecklyTracingAutoConfigurationTests {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(ChecklyTracingAutoConfiguration.class));

  /** With OpenTelemetry's own starter, which builds the SDK from what we contribute. */
  private final ApplicationContextRunner withOpenTelemetryStarter =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  ChecklyTracingAutoConfiguration.class, OpenTelemetryAutoConfiguration.class));

  @Test
  void contributesSamplerCustomizerAndLogExporter() {
    this.runner.run(
        context -> {
          assertThat(context).hasSingleBean(ChecklySampler.class);
          assertThat(context).hasSingleBean(ChecklyOpenTelemetryCustomizer.class);
          assertThat(context).hasSingleBean(TraceLogSpanExporterProvider.class);
          assertThat(context).hasSingleBean(ChecklyProperties.class);
          assertThat(context).doesNotHaveBean(OpenTelemetry.class);
        });
  }

  @Test
  void backsOffToUserSampler() {
    this.runner
        .withUserConfiguration(UserSamplerConfiguration.class)
        .run(
            context -> {
              assertThat(context).doesNotHaveBean(ChecklySampler.class);
              assertThat(context.getBean(ChecklyOpenTelemetryCustomizer.class).toString())
                  .contains("AlwaysOffSampler");
            });
  }

  @Test
  void backsOffToUserCustomizerAndExporterProvider() {
    this.runner
        .withUserConfiguration(UserCustomizerConfiguration.class)
        .run(
            context -> {
              assertThat(context).getBean("checklyOpenTelemetryCustomizer").isNull();
              assertThat(context)
                  .getBeans(ChecklyOpenTelemetryCustomizer.class)
                  .containsOnlyKeys("userCustomizer");
              assertThat(context)
                  .getBeans(TraceLogSpanExporterProvider.class)
                  .containsOnlyKeys("userExporterProvider");
            });
  }

  @Test
  void rateLimitIsConfigurable() {
    this.runner
        .withPropertyValues("checkly.rate-limit.traces-per-second=5", "checkly.rate-limit.burst=7")
        .run(
            context ->
                assertThat(context.getBean(ChecklySampler.class).getDescription())
                    .isEqualTo("ChecklySampler{tracestate=checkly=true, limit=5.0/s, burst=7}"));
  }

  @Test
  void rateLimitCanBeTurnedOff() {
    this.runner
        .withPropertyValues("checkly.rate-limit.enabled=false")
        .run(context -> assertThat(context.getBean(ChecklySampler.class).getLimiter()).isEmpty());
  }

  @Test
  void nonsensicalRateLimitFailsAtStartupWithAnAnalysis() {
    this.runner
        .withPropertyValues("checkly.rate-limit.traces-per-second=0")
        .run(
            context -> {
              // Spring Boot's own failure analyzer reports this exception with the property's
              // origin.
              assertThat(context).hasFailed();
              assertThat(context.getStartupFailure())
                  .rootCause()
                  .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                  .hasMessageContaining("checkly.rate-limit.traces-per-second")
                  .hasMessageContaining("positive");
            });
  }

  @Test
  void offSwitchProvidesNoopOpenTelemetryAndNoSampler() {
    this.runner
        .withPropertyValues("checkly.enabled=false")
        .run(
            context -> {
              assertThat(context).doesNotHaveBean(Sampler.class);
              assertThat(context).doesNotHaveBean(AutoConfigurationCustomizerProvider.class);
              assertThat(context.getBean(OpenTelemetry.class).getTracerProvider())
                  .isSameAs(TracerProvider.noop());
            });
  }

  @Test
  void offSwitchBacksOffToUserOpenTelemetry() {
    this.runner
        .withPropertyValues("checkly.enabled=false")
        .withBean(
            "userOpenTelemetry",
            OpenTelemetry.class,
            () -> OpenTelemetry.propagating(ContextPropagators.noop()))
        .run(
            context ->
                assertThat(context)
                    .getBeans(OpenTelemetry.class)
                    .containsOnlyKeys("userOpenTelemetry"));
  }

  @Test
  void doesNothingWithoutOpenTelemetrySdk() {
    this.runner
        .withClassLoader(new FilteredClassLoader(Sampler.class))
        .run(
            context -> {
              assertThat(context).doesNotHaveBean(ChecklyOpenTelemetryCustomizer.class);
              assertThat(context).doesNotHaveBean(ChecklyProperties.class);
            });
  }

  @Test
  void openTelemetryStarterBuildsSdkWithChecklySamplerAndLogExporterByDefault() {
    this.withOpenTelemetryStarter.run(
        context -> {
          OpenTelemetrySdk sdk = context.getBean(OpenTelemetrySdk.class);
          assertThat(sdk.getSdkTracerProvider().getSampler())
              .isSameAs(context.getBean(ChecklySampler.class))
              .hasToString("ChecklySampler{tracestate=checkly=true, limit=50.0/s, burst=100}");
          assertThat(sdk.getSdkTracerProvider().toString())
              .contains("TraceLogSpanExporter")
              .doesNotContain("Otlp");
          assertThat(sdk.getSdkMeterProvider().toString()).contains("metricReaders=[]");
          assertThat(sdk.getSdkLoggerProvider().toString()).doesNotContain("Otlp");
        });
  }

  @Test
  void configuredEndpointSelectsOtlpOverHttp() {
    this.withOpenTelemetryStarter
        .withPropertyValues("otel.exporter.otlp.endpoint=http://127.0.0.1:4318")
        .run(
            context ->
                assertThat(
                        context.getBean(OpenTelemetrySdk.class).getSdkTracerProvider().toString())
                    .contains("OtlpHttpSpanExporter")
                    .contains("endpoint=127.0.0.1:4318")
                    .doesNotContain("TraceLogSpanExporter"));
  }

  @Test
  void configuredTracesEndpointAndGrpcSelectOtlpOverGrpc() {
    this.withOpenTelemetryStarter
        .withPropertyValues(
            "otel.exporter.otlp.traces.endpoint=http://127.0.0.1:4317",
            "otel.exporter.otlp.protocol=grpc")
        .run(
            context ->
                assertThat(
                        context.getBean(OpenTelemetrySdk.class).getSdkTracerProvider().toString())
                    .contains("OtlpGrpcSpanExporter"));
  }

  @Test
  void blankEndpointCountsAsUnset() {
    this.withOpenTelemetryStarter
        .withPropertyValues("otel.exporter.otlp.endpoint=", "otel.exporter.otlp.headers=")
        .run(
            context ->
                assertThat(
                        context.getBean(OpenTelemetrySdk.class).getSdkTracerProvider().toString())
                    .contains("TraceLogSpanExporter"));
  }

  @Test
  void warnsOnceAboutABearerPrefixTowardsChecklyWithoutShowingTheKey(CapturedOutput output) {
    this.withOpenTelemetryStarter
        .withPropertyValues(
            "otel.exporter.otlp.endpoint=https://otel.eu-west-1.checklyhq.com",
            "otel.exporter.otlp.headers=authorization=Bearer cky_bearer_key_123")
        .run(context -> assertThat(context).hasNotFailed());
    assertThat(output.getOut().split("starts with 'Bearer '", -1)).hasSize(2);
    assertThat(output.getOut()).doesNotContain("cky_bearer_key_123");
  }

  @Test
  void noBearerWarningTowardsOtherEndpoints(CapturedOutput output) {
    this.withOpenTelemetryStarter
        .withPropertyValues(
            "otel.exporter.otlp.endpoint=http://collector:4318",
            "otel.exporter.otlp.headers=authorization=Bearer token")
        .run(context -> assertThat(context).hasNotFailed());
    assertThat(output.getOut()).doesNotContain("Bearer '");
  }

  @Test
  void metricsAndLogsExportersCanBeTurnedOnExplicitly() {
    this.withOpenTelemetryStarter
        .withPropertyValues(
            "otel.exporter.otlp.endpoint=http://127.0.0.1:4318",
            "otel.metrics.exporter=otlp",
            "otel.logs.exporter=otlp")
        .run(
            context -> {
              OpenTelemetrySdk sdk = context.getBean(OpenTelemetrySdk.class);
              assertThat(sdk.getSdkMeterProvider().toString()).contains("OtlpHttpMetricExporter");
              assertThat(sdk.getSdkLoggerProvider().toString())
                  .contains("OtlpHttpLogRecordExporter");
            });
  }

  @Test
  void offSwitchKeepsOpenTelemetryStarterFromBuildingAnSdk() {
    this.withOpenTelemetryStarter
        .withPropertyValues(
            "checkly.enabled=false", "otel.exporter.otlp.endpoint=http://127.0.0.1:4318")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean(OpenTelemetrySdk.class);
              assertThat(context.getBean(OpenTelemetry.class).getTracerProvider())
                  .isSameAs(TracerProvider.noop());
            });
  }

  @Configuration(proxyBeanMethods = false)
  static class UserSamplerConfiguration {
    @Bean
    Sampler userSampler() {
      return Sampler.alwaysOff();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class UserCustomizerConfiguration {
    @Bean
    ChecklyOpenTelemetryCustomizer userCustomizer() {
      return new ChecklyOpenTelemetryCustomizer(
          Sampler.alwaysOn(), java.util.Map.of(), new io.github.checklyotel.export.ExportStatus());
    }

    @Bean
    TraceLogSpanExporterProvider userExporterProvider() {
      return new TraceLogSpanExporterProvider();
    }
  }
}
