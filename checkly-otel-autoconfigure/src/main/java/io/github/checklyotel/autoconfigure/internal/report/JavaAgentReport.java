package io.github.checklyotel.autoconfigure.internal.report;

import io.github.checklyotel.sampling.internal.ChecklySamplingSettings;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.util.StringUtils;

/**
 * Says once, at startup, what the OpenTelemetry Java agent records, when it is attached: it, not
 * this starter, then records and exports the application's traces, and the starter's sampler has no
 * say. Whether the agent would record an ordinary request is found out by asking it: a probe span
 * with no parent and no Checkly mark, which is never ended, so never exported.
 */
public final class JavaAgentReport {

  private static final Log logger = LogFactory.getLog(JavaAgentReport.class);

  private static final String INSTRUMENTATION_SCOPE = "io.github.checkly-otel";

  /** Probe spans: a ratio sampler of 10% records at least one of them with 99.9% likelihood. */
  private static final int PROBES = 64;

  private static final List<ConfigurationPropertyName> EXTENSION_SETTINGS =
      ChecklySamplingSettings.NAMES.stream().map(ConfigurationPropertyName::of).toList();

  /** The property sources whose values the agent reads too. */
  private static final Set<String> AGENT_READABLE_SOURCES =
      Set.of(
          StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME,
          StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);

  /** The extension's sampler name, which it also sets as the agent's default. */
  private static final String CHECKLY_SAMPLER = "checkly";

  private JavaAgentReport() {}

  public static void log(OpenTelemetry agent, Environment environment) {
    String sampler = environment.getProperty("otel.traces.sampler");
    if (environment.getProperty("otel.sdk.disabled", Boolean.class, false)) {
      logger.info(
          "The OpenTelemetry Java agent is attached with its SDK disabled (otel.sdk.disabled=true):"
              + " nothing is recorded, and this starter builds no SDK of its own.");
    } else if (recordsOrdinaryRequests(agent)) {
      logger.warn(
          "The OpenTelemetry Java agent is attached and records requests that are not Checkly's"
              + " (otel.traces.sampler="
              + ((sampler != null) ? sampler : "its default")
              + "): all of them are exported, and this starter's sampler does not apply to the"
              + " agent. To record only Checkly traces, add the Checkly extension to the agent:"
              + " -Dotel.javaagent.extensions=checkly-otel-javaagent-extension.jar. This starter"
              + " builds no SDK of its own while the agent is attached.");
    } else if (StringUtils.hasText(environment.getProperty("otel.javaagent.extensions"))
        && (sampler == null || sampler.trim().equals(CHECKLY_SAMPLER))) {
      logger.info(
          "The OpenTelemetry Java agent is attached with the Checkly extension: the agent records"
              + " only requests with tracestate checkly=true and exports them; this starter"
              + " builds no SDK of its own.");
    } else {
      logger.info(
          "The OpenTelemetry Java agent is attached (otel.traces.sampler="
              + ((sampler != null) ? sampler : "from the agent's configuration")
              + ") and records no request that is not Checkly's; it records and exports this"
              + " application's traces, and this starter builds no SDK of its own.");
    }
    List<String> unread = settingsTheAgentDoesNotRead(environment);
    if (!unread.isEmpty()) {
      logger.warn(
          "The OpenTelemetry Java agent's Checkly extension does not read "
              + String.join(", ", unread)
              + " from the application's configuration: set them as system properties or"
              + " CHECKLY_* environment variables.");
    }
  }

  /**
   * The settings of the agent's extension that the application's own configuration sets, which the
   * extension never sees: it reads system properties, environment variables and its own file.
   */
  static List<String> settingsTheAgentDoesNotRead(Environment environment) {
    Set<String> names = new TreeSet<>();
    if (environment instanceof ConfigurableEnvironment configurable) {
      for (PropertySource<?> source : configurable.getPropertySources()) {
        if (source instanceof EnumerablePropertySource<?> enumerable
            && !AGENT_READABLE_SOURCES.contains(source.getName())) {
          for (String name : enumerable.getPropertyNames()) {
            if (isReadByTheExtension(name)) {
              names.add(name);
            }
          }
        }
      }
    }
    return List.copyOf(names);
  }

  /** Whether {@code name}, in any of Spring's spellings, is a setting the extension reads. */
  private static boolean isReadByTheExtension(String name) {
    if (!name.startsWith("checkly.")) {
      return false;
    }
    ConfigurationPropertyName property = ConfigurationPropertyName.adapt(name, '.');
    return EXTENSION_SETTINGS.stream().anyMatch(property::equals);
  }

  /**
   * Whether the agent records spans that no Checkly request started: some of {@value #PROBES}
   * probes, so that a ratio sampler shows too.
   */
  static boolean recordsOrdinaryRequests(OpenTelemetry agent) {
    Tracer tracer = agent.getTracer(INSTRUMENTATION_SCOPE);
    for (int i = 0; i < PROBES; i++) {
      Span probe = tracer.spanBuilder("checkly-agent-probe").setParent(Context.root()).startSpan();
      // Not ended: a span is exported only when it ends.
      if (probe.isRecording()) {
        return true;
      }
    }
    return false;
  }
}
