package io.github.checklyotel.autoconfigure;

import java.util.Set;
import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Leaves out Spring Boot's own OpenTelemetry SDK, tracing-export and logging auto-configurations
 * while OpenTelemetry's starter builds the SDK under this starter.
 *
 * <p>With {@code spring-boot-starter-opentelemetry} on the classpath, Spring Boot would otherwise
 * build a second pipeline beside the one OpenTelemetry's starter builds: its own tracer and logger
 * providers, a batch span processor, a batch log record processor and, once configured, exporters
 * that send elsewhere. None of it would carry a span, but all of it would start threads and could
 * send data past the Checkly sampler's choices. Spring Boot's Micrometer Tracing handlers and
 * metrics are kept; {@link ChecklyObservationAutoConfiguration} gives them the starter's SDK.
 */
public final class SpringBootOpenTelemetryImportFilter
    implements AutoConfigurationImportFilter, EnvironmentAware {

  static final Set<String> EXCLUDED =
      Set.of(
          "org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration",
          "org.springframework.boot.opentelemetry.autoconfigure.logging.OpenTelemetryLoggingAutoConfiguration",
          "org.springframework.boot.opentelemetry.autoconfigure.logging.otlp.OtlpLoggingAutoConfiguration",
          "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration",
          "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingAutoConfiguration",
          "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.zipkin.ZipkinWithOpenTelemetryTracingAutoConfiguration",
          // Spring Boot 3 keeps them in Actuator's auto-configuration.
          "org.springframework.boot.actuate.autoconfigure.opentelemetry.OpenTelemetryAutoConfiguration",
          "org.springframework.boot.actuate.autoconfigure.logging.OpenTelemetryLoggingAutoConfiguration",
          "org.springframework.boot.actuate.autoconfigure.logging.otlp.OtlpLoggingAutoConfiguration",
          "org.springframework.boot.actuate.autoconfigure.tracing.OpenTelemetryTracingAutoConfiguration",
          "org.springframework.boot.actuate.autoconfigure.tracing.otlp.OtlpTracingAutoConfiguration");

  private static final String OPENTELEMETRY_STARTER =
      "io.opentelemetry.instrumentation.spring.autoconfigure.OpenTelemetryAutoConfiguration";

  private Environment environment;

  @Override
  public void setEnvironment(Environment environment) {
    this.environment = environment;
  }

  @Override
  public boolean[] match(
      String[] autoConfigurationClasses, AutoConfigurationMetadata autoConfigurationMetadata) {
    boolean active = isActive();
    boolean[] matches = new boolean[autoConfigurationClasses.length];
    for (int i = 0; i < autoConfigurationClasses.length; i++) {
      // Earlier filters leave null where they removed a candidate.
      String candidate = autoConfigurationClasses[i];
      matches[i] = candidate == null || !(active && EXCLUDED.contains(candidate));
    }
    return matches;
  }

  private boolean isActive() {
    ChecklyProperties properties = ChecklyProperties.bind(this.environment);
    return ChecklyTracingMode.of(properties) != ChecklyTracingMode.OFF
        && properties.isExcludeSpringBootOpentelemetry()
        && !this.environment.getProperty("otel.sdk.disabled", Boolean.class, false)
        && ClassUtils.isPresent(OPENTELEMETRY_STARTER, getClass().getClassLoader());
  }
}
