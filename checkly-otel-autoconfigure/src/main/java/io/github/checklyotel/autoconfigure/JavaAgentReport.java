package io.github.checklyotel.autoconfigure;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Says once, at startup, what the OpenTelemetry Java agent records, when it is attached: it, not
 * this starter, then records and exports the application's traces, and the starter's sampler has no
 * say. Whether the agent would record an ordinary request is found out by asking it: a probe span
 * with no parent and no Checkly mark, which is never ended, so never exported.
 */
final class JavaAgentReport {

  private static final Log logger = LogFactory.getLog(JavaAgentReport.class);

  private static final String INSTRUMENTATION_SCOPE = "io.github.checkly-otel";

  /** The extension's sampler name, which it also sets as the agent's default. */
  private static final String CHECKLY_SAMPLER = "checkly";

  private JavaAgentReport() {}

  static void log(OpenTelemetry agent, String configuredSampler) {
    if (recordsOrdinaryRequests(agent)) {
      logger.warn(
          "The OpenTelemetry Java agent is attached and records requests that are not Checkly's"
              + " (otel.traces.sampler="
              + ((configuredSampler != null) ? configuredSampler : "its default")
              + "): all of them are exported, and this starter's sampler does not apply to the"
              + " agent. To record only Checkly traces, add the Checkly extension to the agent:"
              + " -Dotel.javaagent.extensions=checkly-otel-javaagent-extension.jar. This starter"
              + " builds no SDK of its own while the agent is attached.");
    } else if (configuredSampler == null || configuredSampler.trim().equals(CHECKLY_SAMPLER)) {
      logger.info(
          "The OpenTelemetry Java agent is attached with the Checkly extension: the agent records"
              + " only requests with tracestate checkly=true and exports them; this starter"
              + " builds no SDK of its own.");
    } else {
      logger.info(
          "The OpenTelemetry Java agent is attached (otel.traces.sampler="
              + configuredSampler
              + ") and records no request that is not Checkly's; it records and exports this"
              + " application's traces, and this starter builds no SDK of its own.");
    }
  }

  /** Whether the agent records a span that no Checkly request started. */
  static boolean recordsOrdinaryRequests(OpenTelemetry agent) {
    Span probe =
        agent
            .getTracer(INSTRUMENTATION_SCOPE)
            .spanBuilder("checkly-agent-probe")
            .setParent(Context.root())
            .startSpan();
    // Not ended: a span is exported only when it ends.
    return probe.isRecording();
  }
}
