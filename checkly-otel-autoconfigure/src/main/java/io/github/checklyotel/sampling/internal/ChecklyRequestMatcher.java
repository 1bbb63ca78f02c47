package io.github.checklyotel.sampling.internal;

import io.github.checklyotel.propagation.internal.ChecklyContext;
import io.github.checklyotel.propagation.internal.ChecklyTraceState;
import io.github.checklyotel.propagation.internal.W3CTraceParent;
import io.github.checklyotel.sampling.OutgoingSpans;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Decides whether an incoming request is a Checkly request, whatever the web stack: the one
 * decision about a request that everything after the boundary acts on.
 *
 * <p>A Checkly request carries the {@code tracestate} member {@code checkly=true}, read by W3C
 * Trace Context Level 2's rules ({@link ChecklyTraceState#hasChecklyMember}). In the optional
 * strict mode it must also either carry a shared secret in a header of its own, which Checkly
 * checks can be set up to send and strangers cannot guess, or come back from a call this instance
 * made in a trace it records ({@link OutgoingSpans}), as its calls to itself do; the secret is
 * compared in constant time and never printed. Requests that do not match are counted, as they are
 * the ones tracing leaves alone.
 */
public final class ChecklyRequestMatcher {

  private final String originHeader;

  private final byte[] originSecret;

  private final OutgoingSpans outgoingSpans;

  private final LongAdder otherRequests = new LongAdder();

  private ChecklyRequestMatcher(
      String originHeader, byte[] originSecret, OutgoingSpans outgoingSpans) {
    this.originHeader = originHeader;
    this.originSecret = originSecret;
    this.outgoingSpans = outgoingSpans;
  }

  /** Matches requests by their {@code tracestate} alone. */
  public static ChecklyRequestMatcher tracestateOnly() {
    return new ChecklyRequestMatcher(null, null, null);
  }

  /**
   * Matches requests by their {@code tracestate} and, in addition, the shared {@code secret} in the
   * header {@code headerName}.
   */
  public static ChecklyRequestMatcher withOriginSecret(String headerName, String secret) {
    return withOriginSecret(headerName, secret, null);
  }

  /**
   * Matches requests by their {@code tracestate} and, in addition, the shared {@code secret} in the
   * header {@code headerName}, or a {@code traceparent} whose parent is a call {@code
   * outgoingSpans} remembers.
   */
  public static ChecklyRequestMatcher withOriginSecret(
      String headerName, String secret, OutgoingSpans outgoingSpans) {
    Objects.requireNonNull(headerName, "headerName");
    if (secret == null || secret.isEmpty()) {
      throw new IllegalArgumentException("The origin secret must not be empty");
    }
    return new ChecklyRequestMatcher(
        headerName, secret.getBytes(StandardCharsets.UTF_8), outgoingSpans);
  }

  /**
   * Whether the request whose headers {@code headers} reads from {@code request} is a Checkly
   * request. Call it once per request: every call that says no is counted.
   */
  public <C> boolean matches(C request, TextMapGetter<C> headers) {
    boolean checkly = test(request, headers);
    if (!checkly) {
      this.otherRequests.increment();
    }
    return checkly;
  }

  /** The same decision as {@link #matches}, for a request already counted. */
  public <C> boolean test(C request, TextMapGetter<C> headers) {
    return ChecklyTraceState.hasChecklyMember(headers.getAll(request, W3CTraceParent.TRACESTATE))
        && (hasOriginSecret(request, headers) || comesBackFromOwnCall(request, headers));
  }

  /**
   * Returns {@code context} marked with the decision that {@code request}, which {@link #matches},
   * is a Checkly request: of the trace its {@code traceparent} names, or of a new one; and, in
   * strict mode without the secret, one let in only as a call back from this instance's own call.
   * The one place every boundary turns a match into a mark.
   */
  public <C> Context markChecklyRequest(Context context, C request, TextMapGetter<C> headers) {
    SpanContext parent = W3CTraceParent.parentOf(request, headers);
    String traceId = parent.isValid() ? parent.getTraceId() : null;
    return hasOriginSecret(request, headers)
        ? ChecklyContext.markChecklyRequest(context, traceId)
        : ChecklyContext.markCallBack(context, traceId);
  }

  /**
   * Counts a request that carried no trace header at all, which the boundary lets through without
   * asking {@link #matches}.
   */
  public void recordOtherRequest() {
    this.otherRequests.increment();
  }

  /**
   * The headers that may carry a caller's trace context: W3C Trace Context's and those of {@code
   * propagator}, if any. A request with none of them has nothing for the boundary to decide.
   */
  public static String[] traceHeaders(Supplier<TextMapPropagator> propagator) {
    Set<String> headers = new LinkedHashSet<>();
    headers.add(W3CTraceParent.TRACEPARENT);
    headers.add(W3CTraceParent.TRACESTATE);
    if (propagator != null) {
      headers.addAll(propagator.get().fields());
    }
    return headers.toArray(new String[0]);
  }

  /** Whether requests must also prove their origin with a shared secret. */
  public boolean isStrict() {
    return this.originSecret != null;
  }

  /** How many requests were not Checkly requests, so were left untraced. */
  public long getOtherRequestCount() {
    return this.otherRequests.sum();
  }

  private <C> boolean hasOriginSecret(C request, TextMapGetter<C> headers) {
    if (this.originSecret == null) {
      return true;
    }
    String presented = headers.get(request, this.originHeader);
    return presented != null
        && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), this.originSecret);
  }

  private <C> boolean comesBackFromOwnCall(C request, TextMapGetter<C> headers) {
    if (this.outgoingSpans == null) {
      return false;
    }
    SpanContext parent = W3CTraceParent.parentOf(request, headers);
    return parent.isValid()
        && this.outgoingSpans.isCallBack(parent.getTraceId(), parent.getSpanId());
  }

  @Override
  public String toString() {
    return isStrict()
        ? "ChecklyRequestMatcher{tracestate=checkly=true, originHeader="
            + this.originHeader
            + ", secret="
            + ChecklySamplingSettings.MASK
            + "}"
        : "ChecklyRequestMatcher{tracestate=checkly=true}";
  }
}
