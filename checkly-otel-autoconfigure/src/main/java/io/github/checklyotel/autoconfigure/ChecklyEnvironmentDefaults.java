package io.github.checklyotel.autoconfigure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns off, by default, OpenTelemetry instrumentation that only feeds signals this starter does
 * not export: JVM runtime metrics while no metrics exporter is on, and the log appenders while no
 * logs exporter is on. They would cost CPU on every GC or log line for data that goes nowhere.
 * While only spans are exported, it also quiets OpenTelemetry's per-batch export failure logs,
 * which {@link io.github.checklyotel.export.internal.ReportingSpanExporter} replaces.
 *
 * <p>Under the OpenTelemetry Java agent, it turns OpenTelemetry's Spring instrumentation off
 * instead: the agent instruments the same libraries.
 *
 * <p>The defaults go into a property source of lowest precedence, {@value #PROPERTY_SOURCE_NAME},
 * so any value the user sets wins; they live in the environment because OpenTelemetry's starter
 * reads these switches there, in its conditions and while logging starts.
 */
final class ChecklyEnvironmentDefaults {

  /** The loggers of OpenTelemetry's OTLP exporters, where SDK 1.65 has them and before. */
  private static final List<String> OPENTELEMETRY_EXPORTER_LOGGERS =
      List.of(
          "io.opentelemetry.exporter.otlp.internal.HttpExporter",
          "io.opentelemetry.exporter.otlp.internal.GrpcExporter",
          "io.opentelemetry.exporter.internal.http.HttpExporter",
          "io.opentelemetry.exporter.internal.grpc.GrpcExporter");

  /** Name of the property source holding the defaults. */
  static final String PROPERTY_SOURCE_NAME = "checklyOtelDefaults";

  private ChecklyEnvironmentDefaults() {}

  /** Adds the defaults to {@code environment}, unless Checkly tracing is off. */
  static void apply(ConfigurableEnvironment environment) {
    Map<String, Object> defaults =
        switch (ChecklyTracingMode.of(environment)) {
          case STARTER -> starterDefaults(environment);
          // The agent instruments the same libraries: OpenTelemetry's starter would do it twice.
          case JAVA_AGENT -> Map.of("otel.instrumentation.common.default-enabled", "false");
          case OFF -> null;
        };
    if (defaults != null) {
      environment
          .getPropertySources()
          .addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, defaults));
    }
  }

  private static Map<String, Object> starterDefaults(ConfigurableEnvironment environment) {
    Map<String, Object> defaults = new LinkedHashMap<>();
    if (isOff(environment, "otel.metrics.exporter")) {
      defaults.put("otel.instrumentation.runtime-telemetry.enabled", "false");
    }
    if (isOff(environment, "otel.logs.exporter")) {
      defaults.put("otel.instrumentation.logback-appender.enabled", "false");
      defaults.put("otel.instrumentation.log4j-appender.enabled", "false");
    }
    if (isOff(environment, "otel.metrics.exporter") && isOff(environment, "otel.logs.exporter")) {
      // Only spans are exported, and ReportingSpanExporter reports their failures once per change
      // instead of once per batch; with other signals on, their exporters' own logs stay.
      for (String exporter : OPENTELEMETRY_EXPORTER_LOGGERS) {
        defaults.put("logging.level." + exporter, "OFF");
      }
    }
    return defaults;
  }

  /** Whether a signal's exporter is off: unset (this starter's default) or {@code none}. */
  private static boolean isOff(ConfigurableEnvironment environment, String exporterProperty) {
    String exporter = environment.getProperty(exporterProperty);
    return exporter == null || exporter.isBlank() || exporter.trim().equals("none");
  }
}
