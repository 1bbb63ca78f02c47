package io.github.checklyotel.autoconfigure;

import io.github.checklyotel.context.OpenTelemetryContextTaskDecorator;
import io.github.checklyotel.export.ExportStatus;
import io.github.checklyotel.logging.TraceLogSpanExporterProvider;
import io.github.checklyotel.sampling.ChecklySampler;
import io.github.checklyotel.sampling.ChecklyTraceLimiter;
import io.github.checklyotel.sampling.OutgoingSpans;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Auto-configuration that makes OpenTelemetry record and export only Checkly traces.
 *
 * <p>The SDK itself (tracer provider, OTLP exporter, {@code OTEL_*} parsing) is built by the
 * OpenTelemetry Spring Boot starter; this configuration runs first and contributes the sampler and
 * defaults through OpenTelemetry's own customizer SPI, which that starter reads from the context.
 */
@AutoConfiguration(
    beforeName =
        "io.opentelemetry.instrumentation.spring.autoconfigure.OpenTelemetryAutoConfiguration")
@ConditionalOnClass({OpenTelemetry.class, Sampler.class})
@EnableConfigurationProperties(ChecklyProperties.class)
public final class ChecklyTracingAutoConfiguration {

  private static final Log logger = LogFactory.getLog(ChecklyTracingAutoConfiguration.class);

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnBooleanProperty(name = "checkly.enabled", matchIfMissing = true)
  static class ChecklyTracingEnabledConfiguration {

    @Bean
    @ConditionalOnMissingBean
    OutgoingSpans checklyOutgoingSpans(ChecklyProperties properties) {
      ChecklyProperties.Reentry reentry = properties.getReentry();
      if (reentry.getMaxCalls() < 1 || reentry.getMaxCalls() > OutgoingSpans.MAX_CAPACITY) {
        throw new InvalidConfigurationPropertyValueException(
            "checkly.reentry.max-calls",
            reentry.getMaxCalls(),
            "It must be between 1 and " + OutgoingSpans.MAX_CAPACITY + ".");
      }
      if (reentry.getWindow() == null
          || reentry.getWindow().isNegative()
          || reentry.getWindow().isZero()
          || reentry.getWindow().compareTo(OutgoingSpans.MAX_WINDOW) > 0) {
        throw new InvalidConfigurationPropertyValueException(
            "checkly.reentry.window",
            reentry.getWindow(),
            "It must be positive and at most " + OutgoingSpans.MAX_WINDOW.toHours() + " hours.");
      }
      return OutgoingSpans.create(reentry.getMaxCalls(), reentry.getWindow());
    }

    @Bean
    @ConditionalOnMissingBean(Sampler.class)
    ChecklySampler checklySampler(ChecklyProperties properties, OutgoingSpans outgoingSpans) {
      return ChecklySampler.builder()
          .limiter(limiter(properties.getRateLimit()))
          .outgoingSpans(outgoingSpans)
          // In strict mode only the boundary, which checks the secret, starts Checkly traces.
          .trustRemoteMark(!StringUtils.hasLength(properties.getOrigin().getSecret()))
          .build();
    }

    private static ChecklyTraceLimiter limiter(ChecklyProperties.RateLimit rateLimit) {
      if (!rateLimit.isEnabled()) {
        return null;
      }
      double tracesPerSecond = rateLimit.getTracesPerSecond();
      if (!(tracesPerSecond > 0) || Double.isInfinite(tracesPerSecond)) {
        throw new InvalidConfigurationPropertyValueException(
            "checkly.rate-limit.traces-per-second",
            tracesPerSecond,
            "It must be a positive number; set checkly.rate-limit.enabled=false to remove the cap.");
      }
      if (rateLimit.getBurst() < 1) {
        throw new InvalidConfigurationPropertyValueException(
            "checkly.rate-limit.burst", rateLimit.getBurst(), "It must be at least 1.");
      }
      if (!ChecklyTraceLimiter.isWithinRefillBound(tracesPerSecond, rateLimit.getBurst())) {
        throw new InvalidConfigurationPropertyValueException(
            "checkly.rate-limit.traces-per-second",
            tracesPerSecond,
            "With a burst of "
                + rateLimit.getBurst()
                + ", a full bucket would take longer than "
                + ChecklyTraceLimiter.MAX_REFILL.toDays()
                + " days to refill. Raise checkly.rate-limit.traces-per-second to at least "
                + ChecklyTraceLimiter.minimumTracesPerSecond(rateLimit.getBurst())
                + " or lower checkly.rate-limit.burst.");
      }
      return ChecklyTraceLimiter.create(tracesPerSecond, rateLimit.getBurst());
    }

    @Bean
    @ConditionalOnMissingBean
    ExportStatus checklyExportStatus() {
      return new ExportStatus();
    }

    @Bean
    @ConditionalOnMissingBean
    ChecklyOpenTelemetryCustomizer checklyOpenTelemetryCustomizer(
        Sampler sampler, Environment environment, ExportStatus exportStatus) {
      return ChecklyOpenTelemetryCustomizer.create(sampler, environment, exportStatus);
    }

    @Bean
    @ConditionalOnMissingBean
    TraceLogSpanExporterProvider checklyTraceLogSpanExporterProvider() {
      return new TraceLogSpanExporterProvider();
    }

    /** Spring Boot applies every TaskDecorator bean to the executors it builds. */
    @Bean
    @ConditionalOnMissingBean
    OpenTelemetryContextTaskDecorator checklyContextTaskDecorator() {
      return new OpenTelemetryContextTaskDecorator();
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnBooleanProperty(name = "checkly.enabled", havingValue = false)
  static class ChecklyTracingDisabledConfiguration {

    /** A no-op OpenTelemetry, so the OpenTelemetry starter builds no SDK and no exporter. */
    @Bean
    @ConditionalOnMissingBean
    OpenTelemetry checklyDisabledOpenTelemetry() {
      logger.info("Checkly tracing is off (checkly.enabled=false): no spans are recorded");
      return OpenTelemetry.noop();
    }
  }
}
