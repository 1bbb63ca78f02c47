package io.github.checklyotel.propagation.internal;

import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.TraceStateBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A W3C Trace Context Level 2 {@code tracestate}: an ordered list of at most 32 members, read and
 * written by the specification's rules rather than by the older ones OpenTelemetry Java follows.
 *
 * <ul>
 *   <li>All header lines of a request form one list, in order.
 *   <li>Keys follow Level 2's grammar: a lowercase letter or digit, then up to 255 of {@code a-z
 *       0-9 _ - * / @}, so the {@code tenant@vendor} forms are members like any other.
 *   <li>Empty and whitespace-only members are skipped. A member that breaks the grammar, or more
 *       than 32 members, make the whole header invalid: it is discarded, as W3C's test suite
 *       requires ("If the {@code tracestate} header cannot be parsed the vendor MAY discard the
 *       entire header"), so it carries no member at all, the {@code checkly} mark included.
 *   <li>Of a duplicated key, {@link #get} sees the left-most, most recent, entry.
 *   <li>A header read and passed on unchanged is written as it came ({@link #encode()}): "If the
 *       value of the {@code traceparent} field wasn't changed before propagation, {@code
 *       tracestate} MUST NOT be modified as well". Only {@link #without(String)}, which removes the
 *       members of one key, changes it, keeping every other member, duplicates included, in order.
 *   <li>{@link #withLeftmost(String, String)} adds or updates a member at the left, as a vendor
 *       that takes part in a trace must, and evicts the right-most when the list is full.
 * </ul>
 *
 * <p>Instances are immutable. One read from a request keeps the header lines as they came and reads
 * them on first use: most requests from other traced systems never need their trace state (only an
 * outgoing call passing it on does), and should not pay for parsing it.
 */
public final class W3CTraceState implements TraceState {

  /** The most members a {@code tracestate} may have. */
  public static final int MAX_MEMBERS = 32;

  private static final int MAX_KEY_LENGTH = 256;

  private static final int MAX_VALUE_LENGTH = 256;

  private static final Members NO_MEMBERS = new Members(new String[0], null, null);

  private static final W3CTraceState EMPTY = new W3CTraceState(null, NO_MEMBERS);

  /** The header lines as read, until {@link #read()} reads them; {@code null} if built here. */
  private final String[] lines;

  /**
   * The members, once read. Not volatile: {@link Members} is immutable, so a thread that does not
   * see another's reading at worst reads the lines again.
   */
  private Members read;

  /**
   * @param members keys and values, alternating, left-most member first, one per key
   * @param listed every member as read, {@code key=value}, in order, duplicates included; {@code
   *     null} for a trace state this service built or changed other than by removing members
   * @param header the header text exactly as read, all lines combined; {@code null} once changed
   */
  private record Members(String[] members, String[] listed, String header) {}

  private W3CTraceState(String[] lines, Members read) {
    this.lines = lines;
    this.read = read;
  }

  private static W3CTraceState of(String[] members, String[] listed, String header) {
    return new W3CTraceState(null, new Members(members, listed, header));
  }

  /** The members, read from the header lines on first use. */
  private Members read() {
    Members members = this.read;
    if (members == null) {
      members = read(this.lines);
      this.read = members;
    }
    return members;
  }

  /** The empty trace state. */
  public static W3CTraceState empty() {
    return EMPTY;
  }

  /** Reads one {@code tracestate} header value. */
  public static W3CTraceState parse(String header) {
    return (header != null) ? parse(Collections.singletonList(header).iterator()) : EMPTY;
  }

  /**
   * Reads all {@code tracestate} header lines of a request, combined in order.
   *
   * @param lines the header lines, may be {@code null}
   * @return the members, or the empty trace state if the header breaks the grammar anywhere
   */
  public static W3CTraceState parse(Iterator<String> lines) {
    if (lines == null || !lines.hasNext()) {
      return EMPTY;
    }
    // Copied now, as a request's headers may not outlive it; read when first asked.
    String first = lines.next();
    if (!lines.hasNext()) {
      return new W3CTraceState(new String[] {first}, null);
    }
    List<String> all = new ArrayList<>();
    all.add(first);
    lines.forEachRemaining(all::add);
    return new W3CTraceState(all.toArray(new String[0]), null);
  }

  private static Members read(String[] lines) {
    List<String> members = new ArrayList<>();
    List<String> listed = new ArrayList<>();
    StringBuilder header = new StringBuilder();
    if (scan(Arrays.asList(lines).iterator(), new Collector(members, listed, header), null, null)
            == INVALID
        || members.isEmpty()) {
      return NO_MEMBERS;
    }
    return new Members(
        members.toArray(new String[0]), listed.toArray(new String[0]), header.toString());
  }

  /**
   * The same members as {@code traceState}, in its order, keeping only those valid under Level 2.
   */
  public static W3CTraceState copyOf(TraceState traceState) {
    if (traceState instanceof W3CTraceState w3c) {
      return w3c;
    }
    if (traceState == null || traceState.isEmpty()) {
      return EMPTY;
    }
    List<String> members = new ArrayList<>();
    traceState.forEach(
        (key, value) -> {
          if (members.size() < 2 * MAX_MEMBERS
              && isValidKey(key)
              && isValidValue(value)
              && indexOf(members, key) < 0) {
            members.add(key);
            members.add(value);
          }
        });
    return members.isEmpty() ? EMPTY : of(members.toArray(new String[0]), null, null);
  }

  /**
   * Scans {@code tracestate} header lines, without allocating, for the value of {@code key}, by the
   * same rules as {@link #parse(Iterator)}: whether the left-most member with that key has the
   * value {@code expected}, in a header that is valid as a whole.
   */
  public static boolean hasMember(Iterator<String> lines, String key, String expected) {
    return scan(lines, null, key, expected) == MATCHES;
  }

  /**
   * Whether the left-most member with {@code key} has the value {@code expected}; asked of header
   * lines not read yet, it scans them without reading them.
   */
  public boolean hasMember(String key, String expected) {
    Members members = this.read;
    if (members == null) {
      return hasMember(Arrays.asList(this.lines).iterator(), key, expected);
    }
    return expected.equals(get(key));
  }

  /** Where {@link #scan} puts what it reads, for {@link #parse(Iterator)}. */
  private record Collector(List<String> members, List<String> listed, StringBuilder header) {}

  private static final int INVALID = -1;

  private static final int NO_MATCH = 0;

  private static final int MATCHES = 1;

  /**
   * The one pass over {@code tracestate} lines that both reading the list and looking up one member
   * use, so that they cannot disagree.
   *
   * @param lines the header lines, may be {@code null}
   * @param collected receives the members, keys and values alternating, the left-most of a
   *     duplicated key only, every member as read, and the header text; {@code null} not to
   *     collect, which allocates nothing
   * @param key the key to look up, or {@code null}
   * @param expected the value the left-most member with {@code key} must have
   * @return {@link #INVALID} for a member that breaks the grammar or more than 32 members, else
   *     {@link #MATCHES} or {@link #NO_MATCH}
   */
  private static int scan(
      Iterator<String> lines, Collector collected, String key, String expected) {
    if (lines == null) {
      return NO_MATCH;
    }
    int count = 0;
    int result = NO_MATCH;
    boolean found = false;
    while (lines.hasNext()) {
      String line = lines.next();
      if (line == null) {
        continue;
      }
      if (collected != null && !line.isBlank()) {
        // Header lines combine into one list, as RFC 9110 combines fields: joined by commas, each
        // without the optional whitespace at its ends, which no field value may carry on.
        if (collected.header().length() > 0) {
          collected.header().append(',');
        }
        collected
            .header()
            .append(
                line,
                skipWhitespace(line, 0, line.length()),
                trimWhitespace(line, 0, line.length()));
      }
      int start = 0;
      while (start <= line.length()) {
        int comma = line.indexOf(',', start);
        int end = (comma < 0) ? line.length() : comma;
        int from = skipWhitespace(line, start, end);
        int to = trimWhitespace(line, from, end);
        if (from < to) {
          if (++count > MAX_MEMBERS) {
            return INVALID;
          }
          int equals = memberSeparator(line, from, to);
          if (equals < 0) {
            return INVALID;
          }
          if (key != null
              && !found
              && equals - from == key.length()
              && line.startsWith(key, from)) {
            found = true;
            boolean matches =
                to - equals - 1 == expected.length() && line.startsWith(expected, equals + 1);
            result = matches ? MATCHES : NO_MATCH;
          }
          if (collected != null) {
            String memberKey = line.substring(from, equals);
            if (indexOf(collected.members(), memberKey) < 0) {
              collected.members().add(memberKey);
              collected.members().add(line.substring(equals + 1, to));
            }
            collected.listed().add(line.substring(from, to));
          }
        }
        start = end + 1;
      }
    }
    return result;
  }

  /**
   * This trace state with {@code key=value} as its left-most member, any other member of that key
   * removed, and the right-most member evicted if there would be more than 32.
   *
   * @throws IllegalArgumentException if the key or value breaks the grammar
   */
  public W3CTraceState withLeftmost(String key, String value) {
    if (!isValidKey(key) || !isValidValue(value)) {
      throw new IllegalArgumentException("Not a valid tracestate member: " + key + "=" + value);
    }
    Members read = read();
    int existing = indexOf(read.members(), key);
    if (existing == 0 && read.members()[1].equals(value) && read.listed() == null) {
      return this;
    }
    // A service that takes part in the trace writes the list anew: its own member at the left, one
    // member per key, in order.
    String[] others = (existing < 0) ? read.members() : remove(read.members(), existing);
    int kept = Math.min(others.length, 2 * (MAX_MEMBERS - 1));
    String[] result = new String[kept + 2];
    result[0] = key;
    result[1] = value;
    System.arraycopy(others, 0, result, 2, kept);
    return of(result, null, null);
  }

  /** This trace state without the member {@code key}. */
  public W3CTraceState without(String key) {
    Members read = read();
    int index = indexOf(read.members(), key);
    if (index < 0) {
      return this;
    }
    String[] rest = remove(read.members(), index);
    if (rest.length == 0) {
      return EMPTY;
    }
    String[] restListed = null;
    if (read.listed() != null) {
      String prefix = key + "=";
      restListed =
          Arrays.stream(read.listed())
              .filter(member -> !member.startsWith(prefix))
              .toArray(String[]::new);
    }
    return of(rest, restListed, null);
  }

  /**
   * The header value: as read if unchanged; else every member as read but those removed, or the
   * members this service built, joined by commas; the empty string if there is none.
   */
  public String encode() {
    Members read = read();
    if (read.header() != null) {
      return read.header();
    }
    if (read.listed() != null) {
      return String.join(",", read.listed());
    }
    String[] members = read.members();
    if (members.length == 0) {
      return "";
    }
    StringBuilder header = new StringBuilder(members.length * 12);
    for (int i = 0; i < members.length; i += 2) {
      if (i > 0) {
        header.append(',');
      }
      header.append(members[i]).append('=').append(members[i + 1]);
    }
    return header.toString();
  }

  @Override
  public String get(String key) {
    String[] members = read().members();
    int index = indexOf(members, key);
    return (index < 0) ? null : members[index + 1];
  }

  @Override
  public int size() {
    return read().members().length / 2;
  }

  @Override
  public boolean isEmpty() {
    return read().members().length == 0;
  }

  @Override
  public void forEach(BiConsumer<String, String> consumer) {
    String[] members = read().members();
    for (int i = 0; i < members.length; i += 2) {
      consumer.accept(members[i], members[i + 1]);
    }
  }

  @Override
  public Map<String, String> asMap() {
    Map<String, String> map = new LinkedHashMap<>();
    forEach(map::put);
    return Collections.unmodifiableMap(map);
  }

  @Override
  public TraceStateBuilder toBuilder() {
    return new Builder(this);
  }

  /** Whether {@code key} is a valid Level 2 key. */
  public static boolean isValidKey(String key) {
    return key != null && isValidKey(key, 0, key.length());
  }

  /** Whether {@code value} is a valid value. */
  public static boolean isValidValue(String value) {
    return value != null && isValidValue(value, 0, value.length());
  }

  @Override
  public boolean equals(Object other) {
    return this == other
        || (other instanceof W3CTraceState that
            && Arrays.equals(read().members(), that.read().members()));
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(read().members());
  }

  @Override
  public String toString() {
    return "W3CTraceState{" + encode() + "}";
  }

  /**
   * The index of the {@code =} of a valid member between {@code from} and {@code to} (trimmed), or
   * -1 if the member breaks the grammar.
   */
  private static int memberSeparator(String line, int from, int to) {
    int equals = line.indexOf('=', from);
    if (equals < 0 || equals >= to) {
      return -1;
    }
    return (isValidKey(line, from, equals) && isValidValue(line, equals + 1, to)) ? equals : -1;
  }

  private static boolean isValidKey(String s, int from, int to) {
    int length = to - from;
    if (length < 1 || length > MAX_KEY_LENGTH) {
      return false;
    }
    char first = s.charAt(from);
    if (!isLowercaseLetter(first) && !isDigit(first)) {
      return false;
    }
    for (int i = from + 1; i < to; i++) {
      char c = s.charAt(i);
      if (!isLowercaseLetter(c)
          && !isDigit(c)
          && c != '_'
          && c != '-'
          && c != '*'
          && c != '/'
          && c != '@') {
        return false;
      }
    }
    return true;
  }

  /** Printable ASCII but comma and equals, not ending in a space, at most 256 characters. */
  private static boolean isValidValue(String s, int from, int to) {
    int length = to - from;
    if (length < 1 || length > MAX_VALUE_LENGTH || s.charAt(to - 1) == ' ') {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7E || c == ',' || c == '=') {
        return false;
      }
    }
    return true;
  }

  private static int skipWhitespace(String s, int from, int to) {
    while (from < to && isWhitespace(s.charAt(from))) {
      from++;
    }
    return from;
  }

  private static int trimWhitespace(String s, int from, int to) {
    while (to > from && isWhitespace(s.charAt(to - 1))) {
      to--;
    }
    return to;
  }

  private static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t';
  }

  private static boolean isLowercaseLetter(char c) {
    return c >= 'a' && c <= 'z';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static int indexOf(String[] members, String key) {
    for (int i = 0; i < members.length; i += 2) {
      if (members[i].equals(key)) {
        return i;
      }
    }
    return -1;
  }

  private static int indexOf(List<String> members, String key) {
    for (int i = 0; i < members.size(); i += 2) {
      if (members.get(i).equals(key)) {
        return i;
      }
    }
    return -1;
  }

  private static String[] remove(String[] members, int index) {
    String[] rest = new String[members.length - 2];
    System.arraycopy(members, 0, rest, 0, index);
    System.arraycopy(members, index + 2, rest, index, members.length - index - 2);
    return rest;
  }

  /** Builds on a {@link W3CTraceState} by the same rules: invalid members are ignored. */
  private static final class Builder implements TraceStateBuilder {

    private W3CTraceState state;

    Builder(W3CTraceState state) {
      this.state = state;
    }

    @Override
    public TraceStateBuilder put(String key, String value) {
      if (isValidKey(key) && isValidValue(value)) {
        this.state = this.state.withLeftmost(key, value);
      }
      return this;
    }

    @Override
    public TraceStateBuilder remove(String key) {
      if (key != null) {
        this.state = this.state.without(key);
      }
      return this;
    }

    @Override
    public TraceState build() {
      return this.state;
    }
  }
}
