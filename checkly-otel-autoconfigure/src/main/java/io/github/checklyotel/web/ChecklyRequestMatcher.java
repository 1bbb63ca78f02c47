package io.github.checklyotel.web;

import io.github.checklyotel.sampling.ChecklyTraceState;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * Decides whether an incoming request is a Checkly request, whatever the web stack.
 *
 * <p>A Checkly request carries the {@code tracestate} member {@code checkly=true}. In the optional
 * strict mode it must also carry a shared secret in a header of its own, which Checkly checks can
 * be set up to send and strangers cannot guess; the secret is compared in constant time and never
 * printed. Requests that do not match are counted, as they are the ones tracing leaves alone.
 */
public final class ChecklyRequestMatcher {

  private static final String TRACESTATE = "tracestate";

  private final String originHeader;

  private final byte[] originSecret;

  private final LongAdder otherRequests = new LongAdder();

  private ChecklyRequestMatcher(String originHeader, byte[] originSecret) {
    this.originHeader = originHeader;
    this.originSecret = originSecret;
  }

  /** Matches requests by their {@code tracestate} alone. */
  public static ChecklyRequestMatcher tracestateOnly() {
    return new ChecklyRequestMatcher(null, null);
  }

  /**
   * Matches requests by their {@code tracestate} and, in addition, the shared {@code secret} in the
   * header {@code headerName}.
   */
  public static ChecklyRequestMatcher withOriginSecret(String headerName, String secret) {
    Objects.requireNonNull(headerName, "headerName");
    if (secret == null || secret.isEmpty()) {
      throw new IllegalArgumentException("The origin secret must not be empty");
    }
    return new ChecklyRequestMatcher(headerName, secret.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Whether the request whose headers {@code headers} reads from {@code request} is a Checkly
   * request. Call it once per request: every call that says no is counted.
   */
  public <C> boolean matches(C request, TextMapGetter<C> headers) {
    boolean checkly =
        hasChecklyTraceState(headers.getAll(request, TRACESTATE))
            && hasOriginSecret(request, headers);
    if (!checkly) {
      this.otherRequests.increment();
    }
    return checkly;
  }

  /** Whether requests must also prove their origin with a shared secret. */
  public boolean isStrict() {
    return this.originSecret != null;
  }

  /** How many requests were not Checkly requests, so were left untraced. */
  public long getOtherRequestCount() {
    return this.otherRequests.sum();
  }

  private static boolean hasChecklyTraceState(Iterator<String> lines) {
    if (lines == null) {
      return false;
    }
    while (lines.hasNext()) {
      if (ChecklyTraceState.containsChecklyMember(lines.next())) {
        return true;
      }
    }
    return false;
  }

  private <C> boolean hasOriginSecret(C request, TextMapGetter<C> headers) {
    if (this.originSecret == null) {
      return true;
    }
    String presented = headers.get(request, this.originHeader);
    return presented != null
        && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), this.originSecret);
  }

  @Override
  public String toString() {
    return isStrict()
        ? "ChecklyRequestMatcher{tracestate=checkly=true, originHeader="
            + this.originHeader
            + ", secret=******}"
        : "ChecklyRequestMatcher{tracestate=checkly=true}";
  }
}
