package io.github.checklyotel.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checklyotel.agent.internal.ChecklyAgentCustomizer;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizer;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.PropertySource;
import org.springframework.mock.env.MockEnvironment;

/**
 * The starter and the Java agent extension apply one "traces only" policy: the same exporter
 * defaults, and the same instrumentation turned off while its signal is not exported, but for the
 * two log appenders only the agent has.
 */
class TracesOnlyPolicyTests {

  private static final Map<String, String> METRICS_INSTRUMENTATION_OFF =
      Map.of("otel.instrumentation.runtime-telemetry.enabled", "false");

  /** The log appenders OpenTelemetry's Spring Boot starter has, and the agent too. */
  private static final Map<String, String> LOG_APPENDERS_OFF =
      Map.of(
          "otel.instrumentation.logback-appender.enabled", "false",
          "otel.instrumentation.log4j-appender.enabled", "false");

  /** The log appenders only the agent has: set in the starter, nothing would read them. */
  private static final Map<String, String> AGENT_ONLY_LOG_APPENDERS_OFF =
      Map.of(
          "otel.instrumentation.java-util-logging.enabled", "false",
          "otel.instrumentation.jboss-logmanager-appender.enabled", "false");

  @Test
  void bothDefaultToNoMetricsAndNoLogsExporter() {
    Map<String, String> starter =
        new TreeMap<>(ChecklyOpenTelemetryCustomizer.defaultProperties(new MockEnvironment()));
    starter.remove("otel.traces.exporter");
    Map<String, String> agent = new TreeMap<>(new AgentRecorder().defaults());
    agent.remove("otel.traces.sampler");
    assertThat(starter)
        .isEqualTo(agent)
        .isEqualTo(Map.of("otel.logs.exporter", "none", "otel.metrics.exporter", "none"));
  }

  @Test
  void bothTurnOffTheSameInstrumentationForEachSignalNotExported() {
    for (String metrics : new String[] {null, "none", "otlp"}) {
      for (String logs : new String[] {null, "none", "otlp"}) {
        Map<String, String> starter = starterInstrumentationOff(metrics, logs);
        Map<String, String> agent = agentInstrumentationOff(metrics, logs);
        boolean metricsOff = !"otlp".equals(metrics);
        boolean logsOff = !"otlp".equals(logs);

        Map<String, String> expected = new TreeMap<>();
        if (metricsOff) {
          expected.putAll(METRICS_INSTRUMENTATION_OFF);
        }
        if (logsOff) {
          expected.putAll(LOG_APPENDERS_OFF);
        }
        String combination = "metrics exporter " + metrics + ", logs exporter " + logs;
        assertThat(starter).as("the starter, %s", combination).isEqualTo(expected);
        Set<String> agentOnly = new TreeSet<>(agent.keySet());
        agentOnly.removeAll(starter.keySet());
        assertThat(agent).as("the agent, %s", combination).containsAllEntriesOf(starter);
        assertThat(agentOnly)
            .as("what only the agent turns off, %s", combination)
            .isEqualTo(logsOff ? AGENT_ONLY_LOG_APPENDERS_OFF.keySet() : Set.of());
      }
    }
  }

  /** The instrumentation switches the starter's environment defaults turn off. */
  private static Map<String, String> starterInstrumentationOff(String metrics, String logs) {
    MockEnvironment environment = new MockEnvironment();
    if (metrics != null) {
      environment.setProperty("otel.metrics.exporter", metrics);
    }
    if (logs != null) {
      environment.setProperty("otel.logs.exporter", logs);
    }
    ChecklyEnvironmentDefaults.apply(environment);
    PropertySource<?> defaults =
        environment.getPropertySources().get(ChecklyEnvironmentDefaults.PROPERTY_SOURCE_NAME);
    Map<String, String> off = new TreeMap<>();
    for (Map.Entry<?, ?> entry : ((Map<?, ?>) defaults.getSource()).entrySet()) {
      String name = entry.getKey().toString();
      if (name.startsWith("otel.instrumentation.")) {
        off.put(name, entry.getValue().toString());
      }
    }
    return off;
  }

  /** The instrumentation switches the agent extension turns off, as the SDK applies them. */
  private static Map<String, String> agentInstrumentationOff(String metrics, String logs) {
    Map<String, String> user = new HashMap<>();
    if (metrics != null) {
      user.put("otel.metrics.exporter", metrics);
    }
    if (logs != null) {
      user.put("otel.logs.exporter", logs);
    }
    AgentRecorder agent = new AgentRecorder();
    Map<String, String> properties = new HashMap<>(agent.defaults());
    properties.putAll(user);
    ConfigProperties config = DefaultConfigProperties.createFromMap(properties);
    Map<String, String> off = new TreeMap<>();
    for (Function<ConfigProperties, Map<String, String>> customizer : agent.propertiesCustomizers) {
      off.putAll(customizer.apply(config));
    }
    return off;
  }

  /** The properties {@link ChecklyAgentCustomizer} hands OpenTelemetry's SDK auto-configuration. */
  private static final class AgentRecorder implements AutoConfigurationCustomizer {

    private final List<Supplier<Map<String, String>>> propertiesSuppliers = new ArrayList<>();

    private final List<Function<ConfigProperties, Map<String, String>>> propertiesCustomizers =
        new ArrayList<>();

    AgentRecorder() {
      new ChecklyAgentCustomizer().customize(this);
    }

    Map<String, String> defaults() {
      Map<String, String> defaults = new HashMap<>();
      this.propertiesSuppliers.forEach(supplier -> defaults.putAll(supplier.get()));
      return defaults;
    }

    @Override
    public AutoConfigurationCustomizer addPropertiesSupplier(
        Supplier<Map<String, String>> propertiesSupplier) {
      this.propertiesSuppliers.add(propertiesSupplier);
      return this;
    }

    @Override
    public AutoConfigurationCustomizer addPropertiesCustomizer(
        Function<ConfigProperties, Map<String, String>> propertiesCustomizer) {
      this.propertiesCustomizers.add(propertiesCustomizer);
      return this;
    }

    @Override
    public AutoConfigurationCustomizer addPropagatorCustomizer(
        BiFunction<? super TextMapPropagator, ConfigProperties, ? extends TextMapPropagator>
            propagatorCustomizer) {
      return this;
    }

    @Override
    public AutoConfigurationCustomizer addResourceCustomizer(
        BiFunction<? super Resource, ConfigProperties, ? extends Resource> resourceCustomizer) {
      return this;
    }

    @Override
    public AutoConfigurationCustomizer addSamplerCustomizer(
        BiFunction<? super Sampler, ConfigProperties, ? extends Sampler> samplerCustomizer) {
      return this;
    }

    @Override
    public AutoConfigurationCustomizer addSpanExporterCustomizer(
        BiFunction<? super SpanExporter, ConfigProperties, ? extends SpanExporter>
            exporterCustomizer) {
      return this;
    }
  }
}
