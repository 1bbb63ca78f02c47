package io.github.checklyotel.web;

import io.github.checklyotel.sampling.ChecklyTraceState;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Enumeration;
import java.util.Objects;

/**
 * Decides whether a servlet request is a Checkly request, once per request.
 *
 * <p>A Checkly request carries the {@code tracestate} member {@code checkly=true}. In the optional
 * strict mode it must also carry a shared secret in a header of its own, which Checkly checks can
 * be set up to send and strangers cannot guess; the secret is compared in constant time and never
 * printed. The decision is kept in a request attribute, so that every filter and every dispatch of
 * the request (async, error) sees the same answer without reading the headers again.
 */
public final class ChecklyRequestMatcher {

  /** Request attribute holding the {@link Boolean} decision for the request. */
  public static final String CHECKLY_REQUEST_ATTRIBUTE =
      ChecklyRequestMatcher.class.getName() + ".CHECKLY_REQUEST";

  private static final String TRACESTATE = "tracestate";

  private static final ChecklyRequestMatcher TRACESTATE_ONLY =
      new ChecklyRequestMatcher(null, null);

  private final String originHeader;

  private final byte[] originSecret;

  private ChecklyRequestMatcher(String originHeader, byte[] originSecret) {
    this.originHeader = originHeader;
    this.originSecret = originSecret;
  }

  /** Matches requests by their {@code tracestate} alone. */
  public static ChecklyRequestMatcher tracestateOnly() {
    return TRACESTATE_ONLY;
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

  /** Whether the request is a Checkly request, reading its headers only on first use. */
  public boolean matches(HttpServletRequest request) {
    Object decided = request.getAttribute(CHECKLY_REQUEST_ATTRIBUTE);
    if (decided instanceof Boolean checkly) {
      return checkly;
    }
    boolean checkly =
        hasChecklyTraceState(request.getHeaders(TRACESTATE)) && hasOriginSecret(request);
    request.setAttribute(CHECKLY_REQUEST_ATTRIBUTE, checkly);
    return checkly;
  }

  /** Whether requests must also prove their origin with a shared secret. */
  public boolean isStrict() {
    return this.originSecret != null;
  }

  private static boolean hasChecklyTraceState(Enumeration<String> lines) {
    if (lines == null) {
      return false;
    }
    while (lines.hasMoreElements()) {
      if (ChecklyTraceState.containsChecklyMember(lines.nextElement())) {
        return true;
      }
    }
    return false;
  }

  private boolean hasOriginSecret(HttpServletRequest request) {
    if (this.originSecret == null) {
      return true;
    }
    String presented = request.getHeader(this.originHeader);
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
