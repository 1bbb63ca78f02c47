package io.github.checklyotel.autoconfigure;

import io.github.checklyotel.autoconfigure.internal.ChecklyTracingMode;
import io.github.checklyotel.autoconfigure.internal.aot.AheadOfTimeModeGuard;
import io.github.checklyotel.autoconfigure.internal.report.ChecklyStartupReport;
import io.github.checklyotel.autoconfigure.internal.report.JavaAgentReport;
import io.github.checklyotel.context.internal.OpenTelemetryContextTaskDecorator;
import io.github.checklyotel.export.ExportStatus;
import io.github.checklyotel.export.internal.TraceLogSpanExporterProvider;
import io.github.checklyotel.sampling.ChecklySampler;
import io.github.checklyotel.sampling.OutgoingSpans;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration that makes OpenTelemetry record and export only Checkly traces.
 *
 * <p>The SDK itself (tracer provider, OTLP exporter, {@code OTEL_*} parsing) is built by the
 * OpenTelemetry Spring Boot starter; this configuration runs first and contributes the sampler and
 * defaults through OpenTelemetry's own customizer SPI, which that starter reads from the context.
 */
@AutoConfiguration(beforeName = SpringBootAutoConfigurations.OPENTELEMETRY_STARTER)
@ConditionalOnClass({OpenTelemetry.class, Sampler.class})
@EnableConfigurationProperties(ChecklyProperties.class)
public final class ChecklyTracingAutoConfiguration {

  private static final Log logger = LogFactory.getLog(ChecklyTracingAutoConfiguration.class);

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnChecklyTracing
  @Import(ChecklyDeclarativeConfiguration.class)
  static class ChecklyTracingEnabledConfiguration {

    @Bean
    static AheadOfTimeModeGuard checklyAheadOfTimeModeGuard(Environment environment) {
      return new AheadOfTimeModeGuard(
          ChecklyTracingMode.STARTER, () -> ChecklyProperties.tracingMode(environment));
    }

    @Bean
    @ConditionalOnMissingBean
    OutgoingSpans checklyOutgoingSpans(ChecklyProperties properties) {
      return properties.toSamplingSettings().createOutgoingSpans();
    }

    @Bean
    @ConditionalOnMissingBean(Sampler.class)
    ChecklySampler checklySampler(ChecklyProperties properties, OutgoingSpans outgoingSpans) {
      return properties.toSamplingSettings().createSampler(outgoingSpans);
    }

    @Bean
    @ConditionalOnMissingBean
    ExportStatus checklyExportStatus() {
      return new ExportStatus();
    }

    @Bean
    @ConditionalOnMissingBean
    ChecklyOpenTelemetryCustomizer checklyOpenTelemetryCustomizer(
        Sampler sampler,
        Environment environment,
        ExportStatus exportStatus,
        ChecklyProperties properties) {
      if (environment.getProperty("otel.sdk.disabled", Boolean.class, false)) {
        // OpenTelemetry's starter then builds no SDK, and never calls the customizer to say so.
        ChecklyStartupReport.logSdkDisabled();
      }
      return ChecklyOpenTelemetryCustomizer.create(
          sampler, environment, exportStatus, properties.toSamplingSettings().describeAdmission());
    }

    @Bean
    @ConditionalOnMissingBean
    TraceLogSpanExporterProvider checklyTraceLogSpanExporterProvider() {
      return new TraceLogSpanExporterProvider();
    }

    /**
     * Fails startup if the SDK in use records or exports more than Checkly traces, unless {@code
     * checkly.startup-check.enabled=false}, which it reads at run time.
     */
    @Bean
    static ChecklyStartupCheck checklyStartupCheck(
        ListableBeanFactory beanFactory, ConfigurableEnvironment environment) {
      return new ChecklyStartupCheck(beanFactory, environment);
    }

    /** Spring Boot applies every TaskDecorator bean to the executors it builds. */
    @Bean
    @ConditionalOnMissingBean
    OpenTelemetryContextTaskDecorator checklyContextTaskDecorator() {
      return new OpenTelemetryContextTaskDecorator();
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnChecklyTracing(ChecklyTracingMode.OFF)
  static class ChecklyTracingDisabledConfiguration {

    @Bean
    static AheadOfTimeModeGuard checklyAheadOfTimeModeGuard(Environment environment) {
      return new AheadOfTimeModeGuard(
          ChecklyTracingMode.OFF, () -> ChecklyProperties.tracingMode(environment));
    }

    /** A no-op OpenTelemetry, so the OpenTelemetry starter builds no SDK and no exporter. */
    @Bean
    @ConditionalOnMissingBean
    OpenTelemetry checklyDisabledOpenTelemetry() {
      if (ChecklyTracingMode.isJavaAgentAttached()) {
        logger.info(
            "Checkly tracing is off in this starter (checkly.enabled=false); the OpenTelemetry Java"
                + " agent is attached and records traces by its own configuration");
      } else {
        logger.info("Checkly tracing is off (checkly.enabled=false): no spans are recorded");
      }
      return OpenTelemetry.noop();
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnChecklyTracing(ChecklyTracingMode.JAVA_AGENT)
  static class ChecklyJavaAgentConfiguration {

    @Bean
    static AheadOfTimeModeGuard checklyAheadOfTimeModeGuard(Environment environment) {
      return new AheadOfTimeModeGuard(
          ChecklyTracingMode.JAVA_AGENT, () -> ChecklyProperties.tracingMode(environment));
    }

    /**
     * The agent's OpenTelemetry, so that neither OpenTelemetry's starter nor Spring Boot builds a
     * second SDK and exporter beside the agent's. The agent owns it: Spring must not close it.
     */
    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean
    OpenTelemetry checklyJavaAgentOpenTelemetry(Environment environment) {
      OpenTelemetry agent = GlobalOpenTelemetry.get();
      JavaAgentReport.log(agent, environment);
      return agent;
    }
  }
}
