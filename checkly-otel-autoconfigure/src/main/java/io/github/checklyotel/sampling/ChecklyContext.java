package io.github.checklyotel.sampling;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;

/**
 * Marks an OpenTelemetry {@link Context} as belonging to a Checkly request.
 *
 * <p>The web filter stores the mark before any tracing filter runs, so the server span's parent
 * context carries it to the {@link ChecklySampler}. Being part of the context, the mark ends with
 * the request's scope and follows the request wherever its context is propagated.
 */
public final class ChecklyContext {

  private static final ContextKey<Boolean> CHECKLY_REQUEST = ContextKey.named("checkly-request");

  private ChecklyContext() {}

  /** Returns {@code context} marked as a Checkly request. */
  public static Context markChecklyRequest(Context context) {
    return context.with(CHECKLY_REQUEST, Boolean.TRUE);
  }

  /** Whether {@code context} was marked by {@link #markChecklyRequest(Context)}. */
  public static boolean isChecklyRequest(Context context) {
    return context.get(CHECKLY_REQUEST) != null;
  }
}
