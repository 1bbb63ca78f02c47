package io.github.checklyotel.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains {@link ChecklyStartupCheckException}: what goes out besides Checkly traces, and why. */
class ChecklyStartupCheckFailureAnalyzer
    extends AbstractFailureAnalyzer<ChecklyStartupCheckException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, ChecklyStartupCheckException cause) {
    return new FailureAnalysis(
        "The Checkly starter promises that only Checkly traces are recorded and exported, but the"
            + " OpenTelemetry setup in use breaks that promise:\n    - "
            + String.join("\n    - ", cause.getProblems()),
        """
        Find what replaced the Checkly sampler or exports beside it:
            a Sampler bean of your own, otel.traces.sampler, a sampler in a declarative
            configuration (otel.file_format) that the starter could not change, an OpenTelemetry
            bean of your own, or Micrometer's OTLP registry sending to OTEL_EXPORTER_OTLP_ENDPOINT
            (point it elsewhere with OTEL_EXPORTER_OTLP_METRICS_ENDPOINT, or set
            management.otlp.metrics.export.enabled=false).
        If you really want more than Checkly traces, set checkly.startup-check.enabled=false
        (CHECKLY_STARTUP_CHECK_ENABLED=false).""",
        cause);
  }
}
