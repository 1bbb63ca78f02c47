package io.github.checklyotel.propagation.internal;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.Collection;
import java.util.List;

/**
 * Stands in for OpenTelemetry's {@code tracecontext} propagator, following W3C Trace Context Level
 * 2 where OpenTelemetry Java simplifies: every {@code tracestate} line is read, a header that
 * breaks the grammar anywhere is discarded whole, today's keys are accepted, a header passed on
 * unchanged is written as it came, and a full list makes room at the left (see {@link
 * W3CTraceParent} and {@link W3CTraceState}).
 *
 * <p>It also makes this service a true pass-through hop for traces it does not record. When the
 * boundary judged a request not to be Checkly's and kept its caller's parent ({@link
 * ChecklyContext#foreignParent(Context)}), and the span about to be propagated is not recording,
 * outgoing calls carry the caller's {@code traceparent} and {@code tracestate} as they came,
 * instead of an unsampled span of this service that nobody will ever see. Only the {@code checkly}
 * member is left out: this service decided the request is not Checkly's, and downstream services
 * must not decide otherwise.
 */
public final class W3CTraceContextPropagator implements TextMapPropagator {

  private static final W3CTraceContextPropagator INSTANCE = new W3CTraceContextPropagator();

  private static final List<String> FIELDS =
      List.of(W3CTraceParent.TRACEPARENT, W3CTraceParent.TRACESTATE);

  private W3CTraceContextPropagator() {}

  /** The propagator; it holds no state. */
  public static W3CTraceContextPropagator getInstance() {
    return INSTANCE;
  }

  @Override
  public Collection<String> fields() {
    return FIELDS;
  }

  @Override
  public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
    if (context == null || setter == null) {
      return;
    }
    Span span = Span.fromContext(context);
    SpanContext spanContext = span.getSpanContext();
    TraceState traceState = spanContext.getTraceState();
    SpanContext foreign = ChecklyContext.foreignParent(context);
    if (foreign != null
        && foreign.isValid()
        && !span.isRecording()
        && (!spanContext.isValid() || spanContext.getTraceId().equals(foreign.getTraceId()))) {
      spanContext = foreign;
      traceState = foreign.getTraceState();
    }
    if (!spanContext.isSampled() || spanContext.isRemote()) {
      // The mark goes only with a span this service records: never passed on on anyone's word.
      traceState = ChecklyTraceState.withoutChecklyMember(traceState);
    }
    if (!spanContext.isValid()) {
      return;
    }
    setter.set(carrier, W3CTraceParent.TRACEPARENT, W3CTraceParent.format(spanContext));
    String encoded = W3CTraceState.copyOf(traceState).encode();
    if (!encoded.isEmpty()) {
      setter.set(carrier, W3CTraceParent.TRACESTATE, encoded);
    }
  }

  @Override
  public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
    if (context == null) {
      return Context.root();
    }
    if (getter == null) {
      return context;
    }
    // The trace state is read only once the parent is known to be valid, as the specification
    // requires, and because most requests carry no trace state at all.
    String traceparent =
        W3CTraceParent.singleLine(getter.getAll(carrier, W3CTraceParent.TRACEPARENT));
    int start = W3CTraceParent.validStart(traceparent);
    if (start < 0) {
      return context;
    }
    W3CTraceState traceState =
        W3CTraceState.parse(getter.getAll(carrier, W3CTraceParent.TRACESTATE));
    return context.with(Span.wrap(W3CTraceParent.parseValid(traceparent, start, traceState)));
  }

  @Override
  public String toString() {
    return "W3CTraceContextPropagator{level=2}";
  }
}
