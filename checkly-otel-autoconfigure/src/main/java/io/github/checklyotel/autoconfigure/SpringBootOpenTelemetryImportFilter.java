package io.github.checklyotel.autoconfigure;

import io.github.checklyotel.autoconfigure.internal.ChecklyTracingMode;
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
final class SpringBootOpenTelemetryImportFilter
    implements AutoConfigurationImportFilter, EnvironmentAware {

  static final Set<String> EXCLUDED =
      Set.of(
          SpringBootAutoConfigurations.OPENTELEMETRY_SDK,
          SpringBootAutoConfigurations.OPENTELEMETRY_LOGGING,
          SpringBootAutoConfigurations.OTLP_LOGGING,
          SpringBootAutoConfigurations.OPENTELEMETRY_TRACING,
          SpringBootAutoConfigurations.OTLP_TRACING,
          SpringBootAutoConfigurations.ZIPKIN_OPENTELEMETRY_TRACING,
          SpringBootAutoConfigurations.BOOT3_OPENTELEMETRY_SDK,
          SpringBootAutoConfigurations.BOOT3_OPENTELEMETRY_LOGGING,
          SpringBootAutoConfigurations.BOOT3_OTLP_LOGGING,
          SpringBootAutoConfigurations.BOOT3_OPENTELEMETRY_TRACING,
          SpringBootAutoConfigurations.BOOT3_OTLP_TRACING);

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
        && ClassUtils.isPresent(
            SpringBootAutoConfigurations.OPENTELEMETRY_STARTER, getClass().getClassLoader());
  }
}
