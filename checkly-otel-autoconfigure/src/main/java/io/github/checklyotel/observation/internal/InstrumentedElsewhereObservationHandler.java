package io.github.checklyotel.observation.internal;

import io.micrometer.observation.Observation;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.TracingObservationHandler;
import java.util.List;

/**
 * Claims, among the tracing handlers, the observations that OpenTelemetry's own instrumentation
 * already traces (HTTP server requests, HTTP client calls), and does nothing with them.
 *
 * <p>Spring records an observation for each such request; left to Micrometer's tracing handlers it
 * would become a second span around OpenTelemetry's, and OpenTelemetry's span would lose its {@code
 * http.route}. Tracing handlers are consulted first-match-wins, so placed first this handler keeps
 * them from the observation while metrics handlers, which Spring Boot registers apart, still record
 * it. Every callback is deliberately empty: even {@code onScopeReset} must not touch the current
 * context, which holds OpenTelemetry's span.
 */
public final class InstrumentedElsewhereObservationHandler
    implements TracingObservationHandler<Observation.Context> {

  private final List<Class<?>> claimedContextTypes;

  /**
   * Creates a handler claiming observations whose context is of one of {@code claimedContextTypes}.
   */
  public InstrumentedElsewhereObservationHandler(List<Class<?>> claimedContextTypes) {
    this.claimedContextTypes = List.copyOf(claimedContextTypes);
  }

  /** The context types claimed. */
  public List<Class<?>> getClaimedContextTypes() {
    return this.claimedContextTypes;
  }

  @Override
  public boolean supportsContext(Observation.Context context) {
    if (context == null) {
      return false;
    }
    for (Class<?> type : this.claimedContextTypes) {
      if (type.isInstance(context)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Leaves an empty tracing context behind: Micrometer's tracing-aware metrics handler requires one
   * on every observation it stops.
   */
  @Override
  public void onStart(Observation.Context context) {
    getTracingContext(context);
  }

  @Override
  public void onError(Observation.Context context) {}

  @Override
  public void onEvent(Observation.Event event, Observation.Context context) {}

  @Override
  public void onScopeOpened(Observation.Context context) {}

  @Override
  public void onScopeClosed(Observation.Context context) {}

  @Override
  public void onScopeReset(Observation.Context context) {}

  @Override
  public void onStop(Observation.Context context) {}

  @Override
  public Tracer getTracer() {
    return Tracer.NOOP;
  }

  @Override
  public String toString() {
    return "InstrumentedElsewhereObservationHandler{" + this.claimedContextTypes + "}";
  }
}
