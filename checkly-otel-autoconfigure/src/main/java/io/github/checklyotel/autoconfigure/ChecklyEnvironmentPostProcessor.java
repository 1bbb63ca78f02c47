package io.github.checklyotel.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns off, by default, OpenTelemetry instrumentation that only feeds signals this starter does
 * not export: JVM runtime metrics while no metrics exporter is on, and the log appenders while no
 * logs exporter is on. They would cost CPU on every GC or log line for data that goes nowhere.
 *
 * <p>The defaults go into a property source of lowest precedence, {@value #PROPERTY_SOURCE_NAME},
 * so any value the user sets wins; they live in the environment because OpenTelemetry's starter
 * reads these switches there, in its conditions and while logging starts.
 */
public final class ChecklyEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

  /** Name of the property source holding the defaults. */
  public static final String PROPERTY_SOURCE_NAME = "checklyOtelDefaults";

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    if (!environment.getProperty("checkly.enabled", Boolean.class, true)) {
      return;
    }
    Map<String, Object> defaults = new LinkedHashMap<>();
    if (isOff(environment, "otel.metrics.exporter")) {
      defaults.put("otel.instrumentation.runtime-telemetry.enabled", "false");
    }
    if (isOff(environment, "otel.logs.exporter")) {
      defaults.put("otel.instrumentation.logback-appender.enabled", "false");
      defaults.put("otel.instrumentation.log4j-appender.enabled", "false");
    }
    environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, defaults));
  }

  /** Whether a signal's exporter is off: unset (this starter's default) or {@code none}. */
  private static boolean isOff(ConfigurableEnvironment environment, String exporterProperty) {
    String exporter = environment.getProperty(exporterProperty);
    return exporter == null || exporter.isBlank() || exporter.trim().equals("none");
  }
}
