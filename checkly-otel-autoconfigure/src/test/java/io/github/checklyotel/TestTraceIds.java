package io.github.checklyotel;

/** The ids tests put in trace context headers: W3C Trace Context's own examples. */
public final class TestTraceIds {

  /** A trace id, from the W3C Trace Context specification's examples. */
  public static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

  /** A parent span id, from the same examples. */
  public static final String PARENT_ID = "00f067aa0ba902b7";

  private TestTraceIds() {}
}
