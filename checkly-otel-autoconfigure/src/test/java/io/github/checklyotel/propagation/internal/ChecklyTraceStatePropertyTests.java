package io.github.checklyotel.propagation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Property-based tests of the code that reads untrusted {@code tracestate} bytes: it never throws,
 * and its decision equals a straightforward reading of the W3C Trace Context Level 2 list grammar.
 */
class ChecklyTraceStatePropertyTests {

  private static final Pattern MEMBER =
      Pattern.compile(
          "([a-z0-9][a-z0-9_\\-*/@]{0,255})=([\\x20-\\x2b\\x2d-\\x3c\\x3e-\\x7e]{0,255}"
              + "[\\x21-\\x2b\\x2d-\\x3c\\x3e-\\x7e])");

  /**
   * The W3C Level 2 reading, written the obvious way: join the header lines with commas, split into
   * members, strip optional whitespace (spaces and tabs) around each, drop empty ones, reject more
   * than 32 or any member the grammar does not allow, and take the left-most checkly member.
   */
  static boolean reference(List<String> lines) {
    List<String> members =
        Arrays.stream(String.join(",", lines).split(",", -1))
            .map(member -> member.replaceAll("^[ \\t]+|[ \\t]+$", ""))
            .filter(member -> !member.isEmpty())
            .toList();
    if (members.size() > 32
        || !members.stream().allMatch(member -> MEMBER.matcher(member).matches())) {
      return false;
    }
    return members.stream()
        .map(MEMBER::matcher)
        .filter(Matcher::matches)
        .filter(member -> member.group(1).equals("checkly"))
        .findFirst()
        .map(member -> member.group(2).equals("true"))
        .orElse(false);
  }

  static boolean scan(List<String> lines) {
    boolean scanned = ChecklyTraceState.hasChecklyMember(lines.iterator());
    // The allocating parser that the propagator uses must agree with the scan the boundary uses.
    assertThat(ChecklyTraceState.isChecklyTraceState(W3CTraceState.parse(lines.iterator())))
        .isEqualTo(scanned);
    return scanned;
  }

  @Property(tries = 5000)
  void agreesWithTheGrammarOnNearMisses(
      @ForAll @Size(max = 6) List<@From("nearMissLines") String> lines) {
    assertThat(scan(lines)).isEqualTo(reference(lines));
  }

  @Property(tries = 2000)
  void agreesWithTheGrammarOnAnyText(@ForAll @Size(max = 4) List<String> lines) {
    assertThat(scan(lines)).isEqualTo(reference(lines));
  }

  @Property(tries = 200)
  void findsTheMemberWhateverSurroundsIt(
      @ForAll @Size(max = 4) List<@From("nearMissLines") String> before,
      @ForAll @Size(max = 4) List<@From("nearMissLines") String> after,
      @ForAll("whitespace") String left,
      @ForAll("whitespace") String right) {
    List<String> lines = new java.util.ArrayList<>(before);
    lines.add(left + "checkly=true" + right);
    lines.addAll(after);
    assertThat(scan(lines)).isEqualTo(reference(lines));
  }

  @Property(tries = 20)
  void readsHugeInputs(@ForAll("members") String member, @ForAll boolean withChecklyLast) {
    String line = (member + ",").repeat(200_000) + (withChecklyLast ? "checkly=true" : member);
    List<String> lines = List.of(line);
    assertThat(scan(lines)).isEqualTo(reference(lines));
  }

  /** Lines built from the pieces that matter, so near misses are frequent. */
  @Provide
  Arbitrary<String> nearMissLines() {
    return members().list().ofMaxSize(8).map(list -> String.join(",", list));
  }

  @Provide
  Arbitrary<String> members() {
    Arbitrary<String> key =
        Arbitraries.of(
            "checkly", "Checkly", "checkly ", "xcheckly", "checkl", "vendor", "", "a@b", "é");
    Arbitrary<String> value =
        Arbitraries.of(
            "true", "True", "true ", "truex", "false", "", "tr ue", "=true", "\u00a0true");
    Arbitrary<String> separator = Arbitraries.of("=", "==", " =", "= ", "", ":");
    return Combinators.combine(whitespace(), key, separator, value, whitespace())
        .as((l, k, s, v, r) -> l + k + s + v + r);
  }

  @Provide
  Arbitrary<String> whitespace() {
    return Arbitraries.strings().withChars(' ', '\t').ofMaxLength(3);
  }
}
