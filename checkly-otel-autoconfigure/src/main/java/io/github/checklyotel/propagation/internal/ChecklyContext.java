package io.github.checklyotel.propagation.internal;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
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

  /** The one decision about the request; a later one replaces it whole. */
  private static final ContextKey<Decision> DECISION = ContextKey.named("checkly-decision");

  private static final Decision FOREIGN_WITHOUT_PARENT =
      new Decision(null, false, SpanContext.getInvalid());

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
    return context.with(DECISION, new Decision((traceId != null) ? traceId : "", false, null));
  }

  /**
   * Returns {@code context} marked as a Checkly request of the trace {@code traceId} that strict
   * mode let in only because its parent is a call this instance made: it may continue that trace by
   * using the call up, and may not start one with a token instead.
   */
  public static Context markCallBack(Context context, String traceId) {
    return context.with(DECISION, new Decision((traceId != null) ? traceId : "", true, null));
  }

  /**
   * Returns {@code extracted}, the context extracted from a request that is not Checkly's, marked
   * as such, with the remote parent its caller sent, if any, kept to be passed on. A parent that
   * claimed to be Checkly's ({@code checkly=true}, refused here, as in strict mode without the
   * secret) is passed on unsampled and without the mark, as a refused trace is: no service
   * downstream records any of it on this caller's word.
   */
  public static Context markForeignRequest(Context extracted) {
    SpanContext parent = Span.fromContext(extracted).getSpanContext();
    if (!parent.isRemote()) {
      return extracted.with(DECISION, FOREIGN_WITHOUT_PARENT);
    }
    if (ChecklyTraceState.isChecklyTraceState(parent.getTraceState())) {
      parent =
          SpanContext.createFromRemoteParent(
              parent.getTraceId(),
              parent.getSpanId(),
              // Unsampled; the random flag, which says how the trace id was made, stays.
              TraceFlags.fromByte((byte) (parent.getTraceFlags().asByte() & ~0x01)),
              ChecklyTraceState.withoutChecklyMember(parent.getTraceState()));
    }
    return extracted.with(DECISION, new Decision(null, false, parent));
  }

  /** Whether a boundary judged the request {@code context} belongs to, either way. */
  public static boolean isJudged(Context context) {
    return context.get(DECISION) != null;
  }

  /**
   * Whether {@code context} holds a decision about the request whose {@code traceparent} names
   * {@code carried} (invalid for none): the same trace, or for a request judged without one, none.
   */
  public static boolean isJudgedFor(Context context, SpanContext carried) {
    Decision decision = context.get(DECISION);
    if (decision == null) {
      return false;
    }
    if (decision.checklyTraceId != null) {
      return decision.checklyTraceId.isEmpty()
          ? !carried.isValid()
          : decision.checklyTraceId.equals(carried.getTraceId());
    }
    SpanContext foreign = decision.foreignParent;
    return foreign.isValid()
        ? foreign.getTraceId().equals(carried.getTraceId())
        : !carried.isValid();
  }

  /** Whether {@code context} was marked as a Checkly request. */
  public static boolean isChecklyRequest(Context context) {
    Decision decision = context.get(DECISION);
    return decision != null && decision.checklyTraceId != null;
  }

  /** Whether {@code context} was {@linkplain #markCallBack marked as a call back only}. */
  public static boolean isCallBackOnly(Context context) {
    Decision decision = context.get(DECISION);
    return decision != null && decision.callBackOnly;
  }

  /**
   * Whether {@code traceId} is the trace a Checkly request was judged for: the trace its {@code
   * traceparent} names, or, for a request without one, a trace without a remote parent.
   *
   * @param hasRemoteParent whether the span being sampled has a valid remote parent
   */
  public static boolean isJudgedTrace(Context context, String traceId, boolean hasRemoteParent) {
    Decision decision = context.get(DECISION);
    if (decision == null || decision.checklyTraceId == null) {
      return false;
    }
    String judged = decision.checklyTraceId;
    return judged.isEmpty() ? !hasRemoteParent : judged.equals(traceId);
  }

  /**
   * The caller's parent of a request {@linkplain #markForeignRequest judged not Checkly's}, or
   * {@code null}.
   */
  public static SpanContext foreignParent(Context context) {
    Decision decision = context.get(DECISION);
    return (decision != null) ? decision.foreignParent : null;
  }

  /**
   * Keeps {@code admission}, what the sampler admitted the trace of the Checkly request {@code
   * context} belongs to with, in the request's decision, where the request's own spans find it
   * again through their parent context; a later admission replaces it.
   *
   * @return false, and nothing kept, if no boundary judged the request a Checkly request
   */
  public static boolean keepAdmission(Context context, Object admission) {
    Decision decision = context.get(DECISION);
    if (decision == null || decision.checklyTraceId == null) {
      return false;
    }
    decision.admission = admission;
    return true;
  }

  /**
   * What the sampler {@linkplain #keepAdmission admitted} the trace of the Checkly request {@code
   * context} belongs to with, if it is a {@code type}; otherwise {@code null}.
   */
  public static <T> T admission(Context context, Class<T> type) {
    Decision decision = context.get(DECISION);
    return (decision != null) && type.isInstance(decision.admission)
        ? type.cast(decision.admission)
        : null;
  }

  /**
   * A decision: a Checkly request of a trace ({@code ""} for a new one), possibly let in only as a
   * call back; or another system's request, with its caller's parent (invalid for none). A Checkly
   * request's decision, made per request, also keeps what its trace was admitted with.
   */
  private static final class Decision {

    private final String checklyTraceId;

    private final boolean callBackOnly;

    private final SpanContext foreignParent;

    /** Set by the sampler, possibly on another thread than the one that reads it. */
    private volatile Object admission;

    Decision(String checklyTraceId, boolean callBackOnly, SpanContext foreignParent) {
      this.checklyTraceId = checklyTraceId;
      this.callBackOnly = callBackOnly;
      this.foreignParent = foreignParent;
    }
  }
}
