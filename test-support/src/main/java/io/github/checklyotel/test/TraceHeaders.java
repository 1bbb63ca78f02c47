package io.github.checklyotel.test;

/**
 * The trace context values tests send: W3C Trace Context's own example ids, and the headers built
 * from them.
 */
public final class TraceHeaders {

  /** A trace id, from the W3C Trace Context specification's examples. */
  public static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

  /** A parent span id, from the same examples. */
  public static final String PARENT_ID = "00f067aa0ba902b7";

  private TraceHeaders() {}

  /** A version 00 {@code traceparent} of {@code traceId} and {@code parentId}, sampled or not. */
  public static String traceparent(String traceId, String parentId, boolean sampled) {
    return "00-" + traceId + "-" + parentId + (sampled ? "-01" : "-00");
  }

  /** A sampled {@code traceparent} of {@code traceId} under {@link #PARENT_ID}. */
  public static String traceparent(String traceId) {
    return traceparent(traceId, PARENT_ID, true);
  }
}
