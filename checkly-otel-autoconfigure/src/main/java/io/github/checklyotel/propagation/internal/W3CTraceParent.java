package io.github.checklyotel.propagation.internal;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.Iterator;

/**
 * Reads and writes the W3C {@code traceparent} header by Trace Context Level 2's rules.
 *
 * <ul>
 *   <li>Exactly one header line: two {@code traceparent} lines are an invalid header, so the trace
 *       restarts, as the specification's test suite expects.
 *   <li>Version {@code 00} is exactly 55 characters of lowercase hex and dashes; a higher version
 *       is read for its first four fields if what follows them starts with a dash; {@code ff} is
 *       invalid.
 *   <li>All-zero trace or parent ids are invalid.
 *   <li>Of the flags, only the two Level 2 defines are kept: {@code sampled} and {@code random};
 *       the others are set to zero, as the specification requires of what is sent on.
 * </ul>
 */
public final class W3CTraceParent {

  /** The header that carries the trace id, parent id and flags. */
  public static final String TRACEPARENT = "traceparent";

  /** The header that carries the vendors' trace state. */
  public static final String TRACESTATE = "tracestate";

  /** The flags Level 2 defines: {@code sampled} (0x01) and {@code random} (0x02). */
  private static final int KNOWN_FLAGS = 0x03;

  private static final int VERSION_00_LENGTH = 55;

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private W3CTraceParent() {}

  /**
   * The only line of a {@code traceparent} header, or {@code null} if there is none or more than
   * one: two lines are an invalid header.
   */
  public static String singleLine(Iterator<String> lines) {
    if (lines == null || !lines.hasNext()) {
      return null;
    }
    String line = lines.next();
    return lines.hasNext() ? null : line;
  }

  /** The remote parent one {@code traceparent} value describes, or an invalid span context. */
  public static SpanContext parse(String traceparent, TraceState traceState) {
    int start = validStart(traceparent);
    return (start < 0) ? SpanContext.getInvalid() : parseValid(traceparent, start, traceState);
  }

  /**
   * The remote parent a value {@link #validStart} accepted describes.
   *
   * @param start where the value starts, as {@link #validStart} returned it
   */
  static SpanContext parseValid(String traceparent, int start, TraceState traceState) {
    int flags =
        (hexDigit(traceparent.charAt(start + 53)) << 4) | hexDigit(traceparent.charAt(start + 54));
    return SpanContext.createFromRemoteParent(
        traceparent.substring(start + 3, start + 35),
        traceparent.substring(start + 36, start + 52),
        TraceFlags.fromByte((byte) (flags & KNOWN_FLAGS)),
        traceState);
  }

  /** Whether a single {@code traceparent} value is valid by Level 2's rules. */
  public static boolean isValid(String traceparent) {
    return validStart(traceparent) >= 0;
  }

  /**
   * Where the fields of a valid {@code traceparent} value start, past optional whitespace, or -1 if
   * the value is invalid by Level 2's rules.
   */
  static int validStart(String traceparent) {
    if (traceparent == null) {
      return -1;
    }
    int start = skipWhitespace(traceparent);
    int end = traceparent.length();
    while (end > start && isWhitespace(traceparent.charAt(end - 1))) {
      end--;
    }
    int length = end - start;
    if (length < VERSION_00_LENGTH
        || !isLowerHex(traceparent, start, start + 2)
        || traceparent.charAt(start + 2) != '-') {
      return -1;
    }
    boolean version00 = traceparent.startsWith("00", start);
    if (traceparent.startsWith("ff", start)
        || (version00 && length != VERSION_00_LENGTH)
        || (!version00
            && length > VERSION_00_LENGTH
            && traceparent.charAt(start + VERSION_00_LENGTH) != '-')) {
      return -1;
    }
    boolean valid =
        isLowerHex(traceparent, start + 3, start + 35)
            && !isZero(traceparent, start + 3, start + 35)
            && traceparent.charAt(start + 35) == '-'
            && isLowerHex(traceparent, start + 36, start + 52)
            && !isZero(traceparent, start + 36, start + 52)
            && traceparent.charAt(start + 52) == '-'
            && isLowerHex(traceparent, start + 53, start + 55);
    return valid ? start : -1;
  }

  /**
   * The parent that the only {@code traceparent} header {@code getter} reads from {@code carrier}
   * names, without trace state, or {@link SpanContext#getInvalid()} if there is none, more than
   * one, or an invalid one.
   */
  public static <C> SpanContext parentOf(C carrier, TextMapGetter<C> getter) {
    return parse(singleLine(getter.getAll(carrier, TRACEPARENT)), W3CTraceState.empty());
  }

  /** The version-00 header for {@code spanContext}, with only the flags Level 2 defines. */
  public static String format(SpanContext spanContext) {
    char[] chars = new char[VERSION_00_LENGTH];
    chars[0] = '0';
    chars[1] = '0';
    chars[2] = '-';
    spanContext.getTraceId().getChars(0, 32, chars, 3);
    chars[35] = '-';
    spanContext.getSpanId().getChars(0, 16, chars, 36);
    chars[52] = '-';
    int flags = spanContext.getTraceFlags().asByte() & KNOWN_FLAGS;
    chars[53] = HEX[flags >> 4];
    chars[54] = HEX[flags & 0xF];
    return new String(chars);
  }

  private static boolean isLowerHex(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (hexDigit(s.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean isZero(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) != '0') {
        return false;
      }
    }
    return true;
  }

  private static int hexDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    return (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
  }

  private static int skipWhitespace(String s) {
    int start = 0;
    while (start < s.length() && isWhitespace(s.charAt(start))) {
      start++;
    }
    return start;
  }

  private static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t';
  }
}
