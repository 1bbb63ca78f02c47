package io.github.checklyotel.propagation;

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
 *       Checkly trace for it.
 *   <li>{@linkplain #markForeignRequest Another system's request} with a valid parent: nothing is
 *       recorded for it, and outgoing calls pass the caller's parent on unchanged.
 * </ul>
 *
 * <p>Being part of the context, a decision ends with the request's scope and follows the request
 * wherever its context is propagated in-process.
 */
public final class ChecklyContext {

  private static final ContextKey<Boolean> CHECKLY_REQUEST = ContextKey.named("checkly-request");

  private static final ContextKey<SpanContext> FOREIGN_PARENT =
      ContextKey.named("checkly-foreign-parent");

  private ChecklyContext() {}

  /** Returns {@code context} marked as a Checkly request. */
  public static Context markChecklyRequest(Context context) {
    return context.with(CHECKLY_REQUEST, Boolean.TRUE);
  }

  /** Whether {@code context} was marked by {@link #markChecklyRequest(Context)}. */
  public static boolean isChecklyRequest(Context context) {
    return context.get(CHECKLY_REQUEST) != null;
  }

  /**
   * Returns {@code context} marked as a request that is not Checkly's, whose caller sent the valid
   * remote parent {@code parent}.
   */
  public static Context markForeignRequest(Context context, SpanContext parent) {
    return context.with(FOREIGN_PARENT, parent);
  }

  /**
   * The caller's parent of a request {@linkplain #markForeignRequest judged not Checkly's}, or
   * {@code null}.
   */
  public static SpanContext foreignParent(Context context) {
    return context.get(FOREIGN_PARENT);
  }
}
