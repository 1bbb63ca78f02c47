package io.github.checklyotel.agent.internal;

import io.github.checklyotel.propagation.internal.ChecklyContext;
import io.github.checklyotel.propagation.internal.W3CTraceContextPropagator;
import io.github.checklyotel.propagation.internal.W3CTraceParent;
import io.github.checklyotel.sampling.internal.ChecklyRequestMatcher;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.Collection;

/**
 * The boundary where the agent has no filter of its own: the agent's server and consumer
 * instrumentation extract each incoming request's context once, before its first span starts, so
 * this propagator decides there, with the starter's rule ({@link ChecklyRequestMatcher}), whether
 * the request is Checkly's, and marks the extracted context with the decision ({@link
 * ChecklyContext}) for the sampler and for outgoing calls.
 *
 * <p>It stands in for W3C Trace Context in the propagators the agent is configured with; the others
 * (baggage, B3...) run beside it, but cannot make a request Checkly's.
 */
final class ChecklyBoundaryPropagator implements TextMapPropagator {

  private final ChecklyRequestMatcher matcher;

  private final boolean propagateForeignContext;

  ChecklyBoundaryPropagator(ChecklyRequestMatcher matcher, boolean propagateForeignContext) {
    this.matcher = matcher;
    this.propagateForeignContext = propagateForeignContext;
  }

  @Override
  public Collection<String> fields() {
    return W3CTraceContextPropagator.getInstance().fields();
  }

  @Override
  public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
    W3CTraceContextPropagator.getInstance().inject(context, carrier, setter);
  }

  @Override
  public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
    if (context == null) {
      return Context.root();
    }
    if (getter == null) {
      return context;
    }
    boolean traceHeaders =
        getter.get(carrier, W3CTraceParent.TRACEPARENT) != null
            || getter.get(carrier, W3CTraceParent.TRACESTATE) != null;
    if (ChecklyContext.isJudged(context)) {
      // Another extraction of the request already judged decides nothing again; a different
      // carrier inside it (a message received during a request) is judged on its own headers.
      if (!traceHeaders
          || ChecklyContext.isJudgedFor(context, W3CTraceParent.parentOf(carrier, getter))) {
        return context;
      }
    } else if (!traceHeaders) {
      // The most common request: nothing to decide, nothing to carry, nothing allocated.
      this.matcher.recordOtherRequest();
      return context;
    }
    boolean checkly = this.matcher.matches(carrier, getter);
    Context extracted = W3CTraceContextPropagator.getInstance().extract(context, carrier, getter);
    if (checkly) {
      return this.matcher.markChecklyRequest(extracted, carrier, getter);
    }
    return ChecklyContext.markForeignRequest(this.propagateForeignContext ? extracted : context);
  }

  /** The rule this boundary applies. */
  ChecklyRequestMatcher getMatcher() {
    return this.matcher;
  }

  @Override
  public String toString() {
    return "ChecklyBoundaryPropagator{" + this.matcher + "}";
  }
}
