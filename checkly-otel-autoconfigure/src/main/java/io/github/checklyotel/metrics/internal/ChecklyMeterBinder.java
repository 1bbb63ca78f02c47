package io.github.checklyotel.metrics.internal;

import io.github.checklyotel.export.ExportStatus;
import io.github.checklyotel.sampling.ChecklySampler;
import io.github.checklyotel.sampling.ChecklyTraceLimiter;
import io.github.checklyotel.sampling.internal.ChecklyRequestMatcher;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.ToDoubleFunction;

/**
 * Publishes the starter's counters as Micrometer meters, read when the registry asks. The counters
 * themselves are {@code LongAdder}s the sampler, the matcher and the exporter keep whether or not
 * Micrometer is there, so binding them adds nothing to the request path.
 */
public final class ChecklyMeterBinder implements MeterBinder {

  private final ChecklySampler sampler;

  private final ChecklyRequestMatcher matcher;

  private final ExportStatus exportStatus;

  /**
   * Creates a binder; each source may be {@code null} when the application has none.
   *
   * @param sampler counts traces started and, through its cap, traces refused
   * @param matcher counts requests left untraced
   * @param exportStatus counts spans exported and lost
   */
  public ChecklyMeterBinder(
      ChecklySampler sampler, ChecklyRequestMatcher matcher, ExportStatus exportStatus) {
    this.sampler = sampler;
    this.matcher = matcher;
    this.exportStatus = exportStatus;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    if (this.sampler != null) {
      counter(
          registry,
          "checkly.traces.started",
          "Checkly traces started or continued in this service",
          "traces",
          this.sampler,
          ChecklySampler::getTracesStarted);
      ChecklyTraceLimiter limiter = this.sampler.getLimiter().orElse(null);
      if (limiter != null) {
        counter(
            registry,
            "checkly.traces.refused",
            "Checkly traces refused by the cap on traces per second (checkly.rate-limit)",
            "traces",
            limiter,
            ChecklyTraceLimiter::getRefusedCount);
      }
    }
    if (this.matcher != null) {
      counter(
          registry,
          "checkly.requests.dropped",
          "Incoming requests that were not Checkly requests, so were not traced",
          "requests",
          this.matcher,
          ChecklyRequestMatcher::getOtherRequestCount);
    }
    if (this.exportStatus != null) {
      counter(
          registry,
          "checkly.spans.exported",
          "Spans the OTLP endpoint accepted",
          "spans",
          this.exportStatus,
          ExportStatus::getSpansExported);
      counter(
          registry,
          "checkly.spans.failed",
          "Spans lost: their export failed after OpenTelemetry's retries, or the endpoint rejected them",
          "spans",
          this.exportStatus,
          ExportStatus::getSpansFailed);
    }
  }

  private static <T> void counter(
      MeterRegistry registry,
      String name,
      String description,
      String unit,
      T source,
      ToDoubleFunction<T> count) {
    FunctionCounter.builder(name, source, count)
        .description(description)
        .baseUnit(unit)
        .register(registry);
  }
}
