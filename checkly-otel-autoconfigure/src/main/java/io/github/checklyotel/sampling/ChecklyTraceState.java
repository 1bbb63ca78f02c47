package io.github.checklyotel.sampling;

import io.opentelemetry.api.trace.TraceState;

/**
 * Reads the Checkly marker, the list member {@code checkly=true}, from W3C {@code tracestate}.
 *
 * <p>The raw header is read here rather than through OpenTelemetry's propagator because the
 * propagator discards the whole {@code tracestate} when any one member is malformed, and a foreign
 * malformed member must not hide Checkly's. The scan allocates nothing and is linear in the input.
 */
public final class ChecklyTraceState {

  /** The {@code tracestate} key Checkly sets. */
  public static final String KEY = "checkly";

  /** The value of {@link #KEY} that marks a Checkly request. */
  public static final String VALUE = "true";

  private static final String MEMBER = KEY + "=" + VALUE;

  private ChecklyTraceState() {}

  /**
   * Whether one {@code tracestate} header line holds the member {@code checkly=true}.
   *
   * <p>Members are separated by commas with optional spaces or tabs around them, and empty members
   * are allowed. Several header lines of one request are equivalent to their comma-joined
   * concatenation, so callers may test each line on its own.
   *
   * @param line one header line, may be {@code null}
   * @return whether the line has a member whose key is exactly {@code checkly} and whose value is
   *     exactly {@code true}
   */
  public static boolean containsChecklyMember(String line) {
    if (line == null) {
      return false;
    }
    int length = line.length();
    int start = 0;
    while (true) {
      int comma = line.indexOf(',', start);
      int end = comma < 0 ? length : comma;
      if (isChecklyMember(line, start, end)) {
        return true;
      }
      if (comma < 0) {
        return false;
      }
      start = comma + 1;
    }
  }

  /** Whether an already parsed trace state carries the Checkly marker. */
  public static boolean isChecklyTraceState(TraceState traceState) {
    return VALUE.equals(traceState.get(KEY));
  }

  /** Returns {@code traceState} with the Checkly marker, adding it only if it is missing. */
  public static TraceState withChecklyMember(TraceState traceState) {
    if (isChecklyTraceState(traceState)) {
      return traceState;
    }
    return traceState.toBuilder().put(KEY, VALUE).build();
  }

  private static boolean isChecklyMember(String line, int start, int end) {
    while (start < end && isOptionalWhitespace(line.charAt(start))) {
      start++;
    }
    while (end > start && isOptionalWhitespace(line.charAt(end - 1))) {
      end--;
    }
    return end - start == MEMBER.length() && line.startsWith(MEMBER, start);
  }

  private static boolean isOptionalWhitespace(char c) {
    return c == ' ' || c == '\t';
  }
}
