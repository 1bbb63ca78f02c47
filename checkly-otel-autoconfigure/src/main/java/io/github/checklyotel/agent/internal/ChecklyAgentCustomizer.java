package io.github.checklyotel.agent.internal;

import io.github.checklyotel.propagation.internal.W3CTraceContextPropagator;
import io.github.checklyotel.sampling.ChecklySampler;
import io.github.checklyotel.sampling.internal.TracesOnlyPolicy;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizer;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Gives the OpenTelemetry Java agent the starter's behaviour once the extension jar is added:
 *
 * <ul>
 *   <li>defaults, which any {@code otel.*} property or {@code OTEL_*} variable overrides: the
 *       {@value ChecklySamplerProvider#NAME} sampler, and no metrics or logs exporter;
 *   <li>the Checkly boundary in place of W3C Trace Context among the configured propagators;
 *   <li>the span processor through which the sampler learns this instance's calls out;
 *   <li>one line at startup that says what is recorded, or warns when another sampler was chosen.
 * </ul>
 */
public final class ChecklyAgentCustomizer implements AutoConfigurationCustomizerProvider {

  /** The JDK's logger, which the agent routes to its own log. */
  private static final Logger logger = Logger.getLogger(ChecklyAgentCustomizer.class.getName());

  /** Lowest-precedence defaults: only traces ({@link TracesOnlyPolicy}), sampled by Checkly's. */
  static final Map<String, String> DEFAULTS = defaults();

  @Override
  public void customize(AutoConfigurationCustomizer customizer) {
    customizer.addPropertiesSupplier(() -> DEFAULTS);
    customizer.addPropertiesCustomizer(ChecklyAgentCustomizer::quietUnexportedSignals);
    customizer.addSamplerCustomizer(ChecklyAgentCustomizer::report);
    customizer.addTracerProviderCustomizer(
        (builder, config) ->
            builder.addSpanProcessor(
                ChecklyAgentComponents.of(config).outgoingSpans().spanProcessor()));
    // Applied to each propagator otel.propagators names: only W3C Trace Context is replaced.
    customizer.addPropagatorCustomizer(
        (propagator, config) ->
            (propagator
                        == io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator
                            .getInstance()
                    || propagator == W3CTraceContextPropagator.getInstance())
                ? ChecklyAgentComponents.of(config).propagator()
                : propagator);
  }

  /**
   * Turns off the instrumentation that only feeds a signal nobody exports ({@link
   * TracesOnlyPolicy#instrumentationOff}: JVM runtime metrics, the agent's log appenders), unless
   * the user set it: with no exporter, it would still cost CPU on every GC or log line.
   */
  static Map<String, String> quietUnexportedSignals(ConfigProperties config) {
    Map<String, String> quiet = new LinkedHashMap<>();
    TracesOnlyPolicy.instrumentationOff(true, exporter -> isOff(config, exporter))
        .forEach(
            (property, value) -> {
              if (config.getString(property) == null) {
                quiet.put(property, value);
              }
            });
    return quiet;
  }

  private static Map<String, String> defaults() {
    Map<String, String> defaults = new LinkedHashMap<>();
    defaults.put("otel.traces.sampler", ChecklySamplerProvider.NAME);
    defaults.putAll(TracesOnlyPolicy.EXPORTER_DEFAULTS);
    return Collections.unmodifiableMap(defaults);
  }

  private static boolean isOff(ConfigProperties config, String exporterProperty) {
    return config.getList(exporterProperty, List.of()).equals(List.of("none"));
  }

  @Override
  public int order() {
    // After other customizers, so that the report sees the sampler they leave.
    return Integer.MAX_VALUE;
  }

  /** Says once, at startup, what the agent records; it leaves the sampler as configured. */
  private static Sampler report(Sampler sampler, ConfigProperties config) {
    List<String> propagators =
        config.getList("otel.propagators", List.of("tracecontext", "baggage"));
    if (sampler instanceof ChecklySampler
        && !propagators.contains("tracecontext")
        && !propagators.contains(ChecklyPropagatorProvider.NAME)) {
      logger.log(
          Level.WARNING,
          "Checkly extension for the OpenTelemetry Java agent: otel.propagators="
              + String.join(",", propagators)
              + " names neither tracecontext nor checkly, so no request is recognised as"
              + " Checkly's and nothing is recorded. Add checkly to otel.propagators.");
    } else if (sampler instanceof ChecklySampler) {
      ChecklyAgentComponents components = ChecklyAgentComponents.of(config);
      logger.log(
          Level.INFO,
          "Checkly extension for the OpenTelemetry Java agent: recording only "
              + components.settings().describeAdmission()
              + " ("
              + components.settings()
              + "); metrics exporter: "
              + config.getString("otel.metrics.exporter")
              + ", logs exporter: "
              + config.getString("otel.logs.exporter"));
    } else {
      logger.log(
          Level.WARNING,
          "Checkly extension for the OpenTelemetry Java agent is installed, but otel.traces.sampler"
              + " is '"
              + config.getString("otel.traces.sampler")
              + "' ("
              + sampler.getDescription()
              + "): the agent records requests that are not Checkly's. Remove that setting, or"
              + " set otel.traces.sampler=checkly, to record only Checkly traces.");
    }
    return sampler;
  }
}
