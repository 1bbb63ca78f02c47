package io.github.checklyotel.propagation;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;

/**
 * The boundary's decision about an incoming request, carried in its OpenTelemetry {@link Context}
 * so that the sampler and the propagator act on it instead of deciding again from what the caller
 * sent.
 *
 * <ul>
 *   <li>{@linkplain #markChecklyRequest Checkly request}: the sampler may start or continue a
 *       Checkly trace for it, and only the trace the boundary saw in its {@code traceparent} (or a
 *       new one when it had none), whatever another propagator makes of the request.
 *   <li>{@linkplain #markForeignRequest Another system's request}: nothing is recorded for it, and
 *       outgoing calls pass the caller's parent, if it sent a valid one, on unchanged.
 * </ul>
 *
 * <p>Being part of the context, a decision ends with the request's scope and follows the request
 * wherever its context is propagated in-process.
 */
public final class ChecklyContext {

  /** The trace id the boundary judged, or the empty string for a request without a valid one. */
  private static final ContextKey<String> CHECKLY_REQUEST = ContextKey.named("checkly-request");

  private static final ContextKey<SpanContext> FOREIGN_PARENT =
      ContextKey.named("checkly-foreign-parent");

  private ChecklyContext() {}

  /** Returns {@code context} marked as a Checkly request without a valid {@code traceparent}. */
  public static Context markChecklyRequest(Context context) {
    return markChecklyRequest(context, null);
  }

  /**
   * Returns {@code context} marked as a Checkly request of the trace {@code traceId}, the one its
   * {@code traceparent} names, or of a new trace if {@code traceId} is {@code null}.
   */
  public static Context markChecklyRequest(Context context, String traceId) {
    // A decision replaces any other one the context carried from an enclosing request.
    Context undecided =
        (context.get(FOREIGN_PARENT) != null) ? context.with(FOREIGN_PARENT, null) : context;
    return undecided.with(CHECKLY_REQUEST, (traceId != null) ? traceId : "");
  }

  /** Whether a boundary judged the request {@code context} belongs to, either way. */
  public static boolean isJudged(Context context) {
    return context.get(CHECKLY_REQUEST) != null || context.get(FOREIGN_PARENT) != null;
  }

  /**
   * Whether {@code context} holds a decision about the request whose {@code traceparent} names
   * {@code carried} (invalid for none): the same trace, or for a request judged without one, none.
   */
  public static boolean isJudgedFor(Context context, SpanContext carried) {
    String checkly = context.get(CHECKLY_REQUEST);
    if (checkly != null) {
      return checkly.isEmpty() ? !carried.isValid() : checkly.equals(carried.getTraceId());
    }
    SpanContext foreign = context.get(FOREIGN_PARENT);
    return foreign != null
        && (foreign.isValid()
            ? foreign.getTraceId().equals(carried.getTraceId())
            : !carried.isValid());
  }

  /** Whether {@code context} was marked as a Checkly request. */
  public static boolean isChecklyRequest(Context context) {
    return context.get(CHECKLY_REQUEST) != null;
  }

  /**
   * Whether {@code traceId} is the trace a Checkly request was judged for: the trace its {@code
   * traceparent} names, or, for a request without one, a trace without a remote parent.
   *
   * @param hasRemoteParent whether the span being sampled has a valid remote parent
   */
  public static boolean isJudgedTrace(Context context, String traceId, boolean hasRemoteParent) {
    String judged = context.get(CHECKLY_REQUEST);
    if (judged == null) {
      return false;
    }
    return judged.isEmpty() ? !hasRemoteParent : judged.equals(traceId);
  }

  /**
   * Returns {@code extracted}, the context extracted from a request that is not Checkly's, marked
   * as such, with the remote parent its caller sent, if any, kept to be passed on.
   */
  public static Context markForeignRequest(Context extracted) {
    SpanContext parent = Span.fromContext(extracted).getSpanContext();
    Context undecided =
        (extracted.get(CHECKLY_REQUEST) != null)
            ? extracted.with(CHECKLY_REQUEST, null)
            : extracted;
    return undecided.with(FOREIGN_PARENT, parent.isRemote() ? parent : SpanContext.getInvalid());
  }

  /**
   * The caller's parent of a request {@linkplain #markForeignRequest judged not Checkly's}, or
   * {@code null}.
   */
  public static SpanContext foreignParent(Context context) {
    return context.get(FOREIGN_PARENT);
  }
}
