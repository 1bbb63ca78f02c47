package io.github.checklyotel.autoconfigure;

import io.github.checklyotel.autoconfigure.internal.version.OpenTelemetryVersions;
import io.github.checklyotel.sampling.internal.TracesOnlyPolicy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Turns off, by default, OpenTelemetry instrumentation that only feeds signals this starter does
 * not export: JVM runtime metrics while no metrics exporter is on, and the log appenders while no
 * logs exporter is on ({@link TracesOnlyPolicy}, which the Java agent extension applies too). They
 * would cost CPU on every GC or log line for data that goes nowhere. While only spans are exported,
 * it also quiets OpenTelemetry's per-batch export failure logs, which {@link
 * io.github.checklyotel.export.internal.ReportingSpanExporter} replaces.
 *
 * <p>Spring Boot's own OTLP exporters of metrics and logs are off by default too. Micrometer's OTLP
 * registry sends metrics to {@code OTEL_EXPORTER_OTLP_ENDPOINT} when no URL of its own is set, and
 * Spring Boot 4.1 maps that variable and {@code OTEL_EXPORTER_OTLP_HEADERS} onto its metrics and
 * logs exporters: README's four variables would send them to Checkly's trace endpoint, with the
 * key. Each stays on where the user configured it ({@link #BOOT_EXPORTS}).
 *
 * <p>Under the OpenTelemetry Java agent, it turns OpenTelemetry's Spring instrumentation off
 * instead: the agent instruments the same libraries.
 *
 * <p>The defaults go into a property source of lowest precedence, {@value #PROPERTY_SOURCE_NAME},
 * so any value the user sets wins; they live in the environment because OpenTelemetry's starter
 * reads these switches there, in its conditions and while logging starts.
 */
final class ChecklyEnvironmentDefaults {

  /**
   * The loggers OpenTelemetry's OTLP exporters log each failed export to: internal classes of the
   * SDK the starter is built with (older SDKs stop startup, {@link OpenTelemetryVersions}), checked
   * by {@code UpstreamCouplingTests}.
   */
  private static final List<String> OPENTELEMETRY_EXPORTER_LOGGERS =
      List.of(
          "io.opentelemetry.exporter.otlp.internal.HttpExporter",
          "io.opentelemetry.exporter.otlp.internal.GrpcExporter");

  /**
   * Spring Boot's switch for each of its OTLP exporters other than traces, with the settings whose
   * presence means the user configured that exporter, and so keeps it.
   */
  static final Map<String, List<String>> BOOT_EXPORTS =
      Map.of(
          "management.otlp.metrics.export.enabled",
          List.of(
              "management.otlp.metrics.export.enabled",
              "management.otlp.metrics.export.url",
              "otel.exporter.otlp.metrics.endpoint",
              "otel.metrics.exporter"),
          "management.logging.export.otlp.enabled",
          List.of(
              "management.logging.export.otlp.enabled",
              "management.opentelemetry.logging.export.otlp.endpoint",
              "otel.exporter.otlp.logs.endpoint",
              "otel.logs.exporter"));

  /**
   * The property source in which Spring Boot 4.1 puts what it derives from the {@code OTEL_*}
   * variables: values the user did not set under those names.
   */
  private static final String BOOT_DERIVED_SOURCE = "openTelemetryEnvironmentVariables";

  /** Name of the property source holding the defaults. */
  static final String PROPERTY_SOURCE_NAME = "checklyOtelDefaults";

  private ChecklyEnvironmentDefaults() {}

  /**
   * What either Spring Boot line's environment post-processor does: checks OpenTelemetry's
   * versions, then {@linkplain #apply applies} the defaults. Here rather than in one of the
   * post-processors, since each implements a type the other Spring Boot line lacks.
   */
  static void checkVersionsAndApply(ConfigurableEnvironment environment) {
    OpenTelemetryVersions.check(ChecklyEnvironmentDefaults.class.getClassLoader());
    apply(environment);
  }

  /** Adds the defaults to {@code environment}, unless Checkly tracing is off. */
  static void apply(ConfigurableEnvironment environment) {
    Map<String, Object> defaults =
        switch (ChecklyProperties.tracingMode(environment)) {
          case STARTER -> starterDefaults(environment);
          case JAVA_AGENT -> agentDefaults(environment);
          case OFF -> null;
        };
    if (defaults != null) {
      environment
          .getPropertySources()
          .addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, defaults));
    }
  }

  private static Map<String, Object> agentDefaults(ConfigurableEnvironment environment) {
    Map<String, Object> defaults = new LinkedHashMap<>();
    // The agent instruments the same libraries: OpenTelemetry's starter would do it twice.
    defaults.put("otel.instrumentation.common.default-enabled", "false");
    // Spring Boot reads the agent's OTEL_* variables too.
    addBootExportDefaults(environment, defaults);
    return defaults;
  }

  private static Map<String, Object> starterDefaults(ConfigurableEnvironment environment) {
    Map<String, Object> defaults = new LinkedHashMap<>();
    addBootExportDefaults(environment, defaults);
    defaults.putAll(
        TracesOnlyPolicy.instrumentationOff(false, exporter -> isOff(environment, exporter)));
    if (isOff(environment, TracesOnlyPolicy.METRICS_EXPORTER)
        && isOff(environment, TracesOnlyPolicy.LOGS_EXPORTER)) {
      // Only spans are exported, and ReportingSpanExporter reports their failures once per change
      // instead of once per batch; with other signals on, their exporters' own logs stay.
      for (String exporter : OPENTELEMETRY_EXPORTER_LOGGERS) {
        defaults.put("logging.level." + exporter, "OFF");
      }
    }
    return defaults;
  }

  /** Turns each of Spring Boot's OTLP exporters of other signals off, unless the user set it up. */
  private static void addBootExportDefaults(
      ConfigurableEnvironment environment, Map<String, Object> defaults) {
    BOOT_EXPORTS.forEach(
        (exportSwitch, settings) -> {
          if (settings.stream().noneMatch(setting -> configures(environment, setting))) {
            defaults.put(exportSwitch, "false");
          }
        });
  }

  /**
   * Whether the user's {@code setting} turns an exporter on or points it somewhere: set by the
   * user, and not an exporter list that says {@code none}.
   */
  private static boolean configures(ConfigurableEnvironment environment, String setting) {
    Object value = userValue(environment, setting);
    return value != null
        && !(setting.endsWith(".exporter") && "none".equals(value.toString().trim()));
  }

  /** Whether {@code name} is set in a property source of the user's ({@link #userValue}). */
  static boolean isSetByUser(ConfigurableEnvironment environment, String name) {
    return userValue(environment, name) != null;
  }

  /**
   * The value of {@code name}, under any of its relaxed spellings, in the property source of the
   * user's that ranks highest, or {@code null}: not one Spring Boot derived from other variables
   * (which Spring Boot 4.1 ranks above the user's own), nor this starter's defaults.
   */
  static Object userValue(ConfigurableEnvironment environment, String name) {
    ConfigurationPropertyName property = ConfigurationPropertyName.of(name);
    for (PropertySource<?> source : environment.getPropertySources()) {
      if (source.getName().equals(BOOT_DERIVED_SOURCE)
          || source.getName().equals(PROPERTY_SOURCE_NAME)
          || ConfigurationPropertySources.isAttachedConfigurationPropertySource(source)) {
        continue;
      }
      for (ConfigurationPropertySource adapted : ConfigurationPropertySources.from(source)) {
        var found = adapted.getConfigurationProperty(property);
        if (found != null) {
          return found.getValue();
        }
      }
    }
    return null;
  }

  /** Whether a signal's exporter is off: unset (this starter's default) or {@code none}. */
  private static boolean isOff(ConfigurableEnvironment environment, String exporterProperty) {
    String exporter = environment.getProperty(exporterProperty);
    return exporter == null || exporter.isBlank() || exporter.trim().equals("none");
  }
}
