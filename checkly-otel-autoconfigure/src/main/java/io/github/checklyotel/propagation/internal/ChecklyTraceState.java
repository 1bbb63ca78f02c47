package io.github.checklyotel.propagation.internal;

import io.opentelemetry.api.trace.TraceState;
import java.util.Iterator;

/**
 * The Checkly mark: the {@code tracestate} member {@code checkly=true}, read from untrusted headers
 * and written only on traces this service records.
 *
 * <p>Headers are read by W3C Trace Context Level 2's rules ({@link W3CTraceState}): all lines of
 * the header together, the left-most of duplicated {@code checkly} members deciding, and a header
 * that breaks the grammar anywhere, or has more than 32 members, carrying no mark at all.
 */
public final class ChecklyTraceState {

  /** The {@code tracestate} key Checkly sets. */
  public static final String KEY = "checkly";

  /** The value of {@link #KEY} that marks a Checkly request. */
  public static final String VALUE = "true";

  private ChecklyTraceState() {}

  /**
   * Whether the {@code tracestate} header lines of a request carry the mark. Reads them in one
   * pass, allocating nothing.
   *
   * @param lines the header lines in order, may be {@code null}
   */
  public static boolean hasChecklyMember(Iterator<String> lines) {
    return W3CTraceState.hasMember(lines, KEY, VALUE);
  }

  /** Whether a trace state carries the mark; one not read yet is scanned, not read. */
  public static boolean isChecklyTraceState(TraceState traceState) {
    return (traceState instanceof W3CTraceState w3c)
        ? w3c.hasMember(KEY, VALUE)
        : VALUE.equals(traceState.get(KEY));
  }

  /**
   * Returns {@code traceState} with the mark as its left-most member, evicting the right-most
   * member if the list is full, as a vendor taking part in the trace does.
   */
  public static TraceState withChecklyMember(TraceState traceState) {
    return W3CTraceState.copyOf(traceState).withLeftmost(KEY, VALUE);
  }

  /** Returns {@code traceState} without any {@code checkly} member. */
  public static TraceState withoutChecklyMember(TraceState traceState) {
    return (traceState.get(KEY) == null)
        ? traceState
        : W3CTraceState.copyOf(traceState).without(KEY);
  }
}
