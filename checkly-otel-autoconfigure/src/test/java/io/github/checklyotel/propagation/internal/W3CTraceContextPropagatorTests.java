package io.github.checklyotel.propagation.internal;

import static io.github.checklyotel.TestTraceIds.PARENT_ID;
import static io.github.checklyotel.TestTraceIds.TRACE_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The propagator against cases written from W3C Trace Context Level 2 (the {@code traceparent} and
 * {@code tracestate} header sections and the processing model), not from OpenTelemetry's tests.
 */
class W3CTraceContextPropagatorTests {

  private static final String TRACEPARENT = "00-" + TRACE_ID + "-" + PARENT_ID + "-01";

  private final W3CTraceContextPropagator propagator = W3CTraceContextPropagator.getInstance();

  // traceparent

  @Test
  void readsAValidVersion00Header() {
    SpanContext parent = extract(headers("traceparent", TRACEPARENT));
    assertThat(parent.isValid()).isTrue();
    assertThat(parent.isRemote()).isTrue();
    assertThat(parent.getTraceId()).isEqualTo(TRACE_ID);
    assertThat(parent.getSpanId()).isEqualTo(PARENT_ID);
    assertThat(parent.isSampled()).isTrue();
    assertThat(parent.getTraceState().isEmpty()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "00",
        "00-" + TRACE_ID + "-" + PARENT_ID,
        "00-" + TRACE_ID + "-" + PARENT_ID + "-0",
        "00-" + TRACE_ID + "-" + PARENT_ID + "-01-",
        "00-" + TRACE_ID + "-" + PARENT_ID + "-01-future",
        "00-" + TRACE_ID + "-" + PARENT_ID + "-01.",
        "ff-" + TRACE_ID + "-" + PARENT_ID + "-01",
        "0g-" + TRACE_ID + "-" + PARENT_ID + "-01",
        "00-" + "4BF92F3577B34DA6A3CE929D0E0E4736" + "-" + PARENT_ID + "-01",
        "00-" + TRACE_ID + "-" + "00F067AA0BA902B7" + "-01",
        "00-" + TRACE_ID + "-" + PARENT_ID + "-0A",
        "00-00000000000000000000000000000000-" + PARENT_ID + "-01",
        "00-" + TRACE_ID + "-0000000000000000-01",
        "00_" + TRACE_ID + "-" + PARENT_ID + "-01",
        "00-" + TRACE_ID + "_" + PARENT_ID + "-01",
        "cc-" + TRACE_ID + "-" + PARENT_ID + "-01.future",
        "cc-" + TRACE_ID + "-" + PARENT_ID,
        "00-" + TRACE_ID + "-" + PARENT_ID + "-01, 00-" + TRACE_ID + "-" + PARENT_ID + "-01",
      })
  void anInvalidTraceparentRestartsTheTrace(String traceparent) {
    Map<String, List<String>> headers = headers("traceparent", traceparent);
    headers.put("tracestate", List.of("vendor=1,checkly=true"));
    assertThat(this.propagator.extract(Context.root(), headers, GETTER)).isSameAs(Context.root());
  }

  @Test
  void aHigherVersionIsReadForTheFieldsThisVersionKnows() {
    SpanContext parent =
        extract(headers("traceparent", "cc-" + TRACE_ID + "-" + PARENT_ID + "-ff-what-comes-next"));
    assertThat(parent.getTraceId()).isEqualTo(TRACE_ID);
    // Unknown flags are set to zero; sampled and random are kept.
    assertThat(parent.getTraceFlags().asByte()).isEqualTo((byte) 0x03);
    assertThat(
            extract(headers("traceparent", "cc-" + TRACE_ID + "-" + PARENT_ID + "-01")).isValid())
        .isTrue();
  }

  @Test
  void twoTraceparentHeadersAreAnInvalidHeader() {
    Map<String, List<String>> headers = headers("traceparent", TRACEPARENT, TRACEPARENT);
    assertThat(this.propagator.extract(Context.root(), headers, GETTER)).isSameAs(Context.root());
  }

  @Test
  void optionalWhitespaceAroundTheValueIsIgnored() {
    assertThat(extract(headers("traceparent", " \t" + TRACEPARENT + " ")).getTraceId())
        .isEqualTo(TRACE_ID);
  }

  @Test
  void keepsTheRandomFlag() {
    assertThat(
            extract(headers("traceparent", "00-" + TRACE_ID + "-" + PARENT_ID + "-02"))
                .getTraceFlags()
                .isTraceIdRandom())
        .isTrue();
  }

  // tracestate

  @Test
  void combinesEveryTracestateLineInOrder() {
    Map<String, List<String>> headers = headers("traceparent", TRACEPARENT);
    headers.put("tracestate", List.of("foo=1,bar=2", "rojo=00f067aa0ba902b7", "congo=t61rcWkgMzE"));
    assertThat(extract(headers).getTraceState().asMap().keySet())
        .containsExactly("foo", "bar", "rojo", "congo");
  }

  /**
   * "If the {@code tracestate} header cannot be parsed the vendor MAY discard the entire header":
   * W3C's test suite requires it at its strictest level, and it is the simpler rule for every
   * system downstream. The {@code traceparent} stands: "failure to parse {@code tracestate} MUST
   * NOT affect the parsing of {@code traceparent}".
   */
  @Test
  void aTracestateWithAnInvalidMemberIsDiscardedWhole() {
    for (String invalid :
        List.of(
            "Bad Key=1,vendor=ok",
            "vendor=ok,k=",
            "foo=,bar=3",
            "foo=bar=baz",
            "@foo=1,bar=2",
            "foo=1," + "z".repeat(257) + "=1",
            "k=v\u00e9,vendor=ok",
            "tab=a\tb,vendor=ok",
            "vendor=ok,checkly=true,b")) {
      SpanContext parent = extract(withTracestate(invalid));
      assertThat(parent.isValid()).as(invalid).isTrue();
      assertThat(parent.getTraceState().isEmpty()).as(invalid).isTrue();
      assertThat(inject(Context.root().with(Span.wrap(parent)))).doesNotContainKey("tracestate");
    }
  }

  /**
   * "A {@code key} MUST begin with a lowercase letter or a digit and contain up to 256 characters
   * including lowercase letters, digits, underscores, dashes, asterisks, forward slashes, and at
   * signs": {@code @} anywhere but first, as often as it likes.
   */
  @Test
  void keysFollowTheCurrentGrammar() {
    String valid =
        "foo@=1,foo@@bar=2,foo@bar@baz=3,"
            + "z".repeat(256)
            + "=4,"
            + "t".repeat(241)
            + "@"
            + "v".repeat(14)
            + "=5";
    assertThat(extract(withTracestate(valid)).getTraceState().size()).isEqualTo(5);
  }

  @Test
  void acceptsLevel2Keys() {
    SpanContext parent =
        extract(withTracestate("vendor@tenant=1,0digit=2,a/b*c_d-e@f@g=3,tenant@vendor=4"));
    assertThat(parent.getTraceState().asMap().keySet())
        .containsExactly("vendor@tenant", "0digit", "a/b*c_d-e@f@g", "tenant@vendor");
    String longestKey = "k" + "x".repeat(255);
    assertThat(extract(withTracestate(longestKey + "=1")).getTraceState().get(longestKey))
        .isEqualTo("1");
    assertThat(extract(withTracestate(longestKey + "x=1")).getTraceState().isEmpty()).isTrue();
  }

  @Test
  void keepsLeadingSpacesOfAValueAndDropsTrailingOnes() {
    SpanContext parent = extract(withTracestate("a= x  ,b=y"));
    assertThat(parent.getTraceState().get("a")).isEqualTo(" x");
  }

  @Test
  void aDuplicatedKeyKeepsItsLeftMostEntryAndEveryOtherMember() {
    SpanContext parent = extract(withTracestate("congo=first,rojo=1,congo=second,x=2"));
    assertThat(parent.getTraceState().asMap())
        .containsExactly(Map.entry("congo", "first"), Map.entry("rojo", "1"), Map.entry("x", "2"));
  }

  @Test
  void emptyAndWhitespaceOnlyMembersAreSkipped() {
    Map<String, List<String>> headers = headers("traceparent", TRACEPARENT);
    headers.put("tracestate", List.of("", " ,\t, a=1 ,,", "  ", "b=2,"));
    assertThat(extract(headers).getTraceState().asMap().keySet()).containsExactly("a", "b");
  }

  @Test
  void thirtyTwoMembersAreReadAndThirtyThreeAreAnInvalidHeader() {
    for (int position : new int[] {0, 16, 31}) {
      List<String> members = members(31);
      members.add(position, "checkly=true");
      SpanContext parent = extract(withTracestate(String.join(",", members)));
      assertThat(parent.getTraceState().size()).isEqualTo(32);
      assertThat(ChecklyTraceState.isChecklyTraceState(parent.getTraceState())).isTrue();

      List<String> tooMany = members(32);
      tooMany.add(position, "checkly=true");
      SpanContext invalid = extract(withTracestate(String.join(",", tooMany)));
      assertThat(invalid.isValid()).isTrue();
      assertThat(invalid.getTraceState().isEmpty()).isTrue();
    }
  }

  @Test
  void aTracestateWithoutAValidTraceparentIsIgnored() {
    assertThat(this.propagator.extract(Context.root(), headers("tracestate", "a=1"), GETTER))
        .isSameAs(Context.root());
  }

  // inject

  @Test
  void writesTheSpanContextOfARecordingHop() {
    SpanContext span =
        SpanContext.create(
            TRACE_ID, "1111111111111111", TraceFlags.getSampled(), W3CTraceState.parse("b=2"));
    Map<String, String> outgoing = inject(Context.root().with(Span.wrap(span)));
    assertThat(outgoing)
        .containsEntry("traceparent", "00-" + TRACE_ID + "-1111111111111111-01")
        .containsEntry("tracestate", "b=2");
  }

  @Test
  void writesNothingForAnInvalidSpanAndNoEmptyTracestate() {
    assertThat(inject(Context.root())).isEmpty();
    SpanContext span =
        SpanContext.create(TRACE_ID, PARENT_ID, TraceFlags.getDefault(), W3CTraceState.empty());
    assertThat(inject(Context.root().with(Span.wrap(span)))).containsOnlyKeys("traceparent");
  }

  @Test
  void aHopThatDoesNotRecordPassesItsCallersContextOnUnchanged() {
    Map<String, List<String>> headers = headers("traceparent", TRACEPARENT);
    headers.put("tracestate", List.of("vendor=1, other@tenant=2", "third=3"));
    Context extracted = this.propagator.extract(Context.root(), headers, GETTER);
    SpanContext caller = Span.fromContext(extracted).getSpanContext();
    Context judged = ChecklyContext.markForeignRequest(extracted);
    // What the SDK makes of a dropped client span under it: same trace, new span id, unsampled.
    SpanContext dropped =
        SpanContext.create(
            TRACE_ID, "2222222222222222", TraceFlags.getDefault(), caller.getTraceState());
    Map<String, String> outgoing = inject(judged.with(Span.wrap(dropped)));
    // "If the value of the traceparent field wasn't changed before propagation, tracestate MUST NOT
    // be modified as well": the lines go on as they came, combined, spaces and all.
    assertThat(outgoing)
        .containsEntry("traceparent", TRACEPARENT)
        .containsEntry("tracestate", "vendor=1, other@tenant=2,third=3");
  }

  @Test
  void aPassThroughKeepsDuplicatesAndOrderAndRemovesOnlyTheMarkItDidNotHonour() {
    Map<String, List<String>> headers = headers("traceparent", TRACEPARENT);
    headers.put("tracestate", List.of("foo=1,foo=2", " checkly=true ,bar=3", "foo=4"));
    Context extracted = this.propagator.extract(Context.root(), headers, GETTER);
    SpanContext caller = Span.fromContext(extracted).getSpanContext();
    // A service that does not record, and did not honour the mark (strict mode without the secret).
    Context judged = ChecklyContext.markForeignRequest(extracted);
    SpanContext dropped =
        SpanContext.create(
            TRACE_ID, "2222222222222222", TraceFlags.getDefault(), caller.getTraceState());
    assertThat(inject(judged.with(Span.wrap(dropped))))
        .containsEntry("tracestate", "foo=1,foo=2,bar=3,foo=4");
    // The map view sees the left-most of a duplicated key.
    assertThat(caller.getTraceState().get("foo")).isEqualTo("1");
  }

  /**
   * A claim this service refused (strict mode without the secret) goes on as a refused trace does:
   * without the mark and unsampled, so that nobody downstream records it on the caller's word.
   */
  @Test
  void aRefusedChecklyClaimIsPassedOnUnsampledAndWithoutTheMark() {
    assertThat(TRACEPARENT).endsWith("-01");
    Context extracted =
        this.propagator.extract(Context.root(), withTracestate("a=1,checkly=true,b=2"), GETTER);
    Map<String, String> outgoing = inject(ChecklyContext.markForeignRequest(extracted));
    assertThat(outgoing)
        .containsEntry("traceparent", TRACEPARENT.substring(0, TRACEPARENT.length() - 2) + "00")
        .containsEntry("tracestate", "a=1,b=2");
  }

  @Test
  void writesTheMarkOnlyWithASampledSpanOfThisService() {
    TraceState marked = W3CTraceState.parse("checkly=true,a=1");
    SpanContext recorded =
        SpanContext.create(TRACE_ID, "1111111111111111", TraceFlags.getSampled(), marked);
    assertThat(inject(Context.root().with(Span.wrap(recorded))))
        .containsEntry("tracestate", "checkly=true,a=1");
    SpanContext dropped =
        SpanContext.create(TRACE_ID, "1111111111111111", TraceFlags.getDefault(), marked);
    assertThat(inject(Context.root().with(Span.wrap(dropped)))).containsEntry("tracestate", "a=1");
    // A relayed remote context, no span of this service: passed on without the mark.
    SpanContext relayed =
        SpanContext.createFromRemoteParent(TRACE_ID, PARENT_ID, TraceFlags.getSampled(), marked);
    assertThat(inject(Context.root().with(Span.wrap(relayed)))).containsEntry("tracestate", "a=1");
  }

  @Test
  void aRecordingSpanOrAnotherTraceIsWrittenAsItIs() {
    Context extracted = this.propagator.extract(Context.root(), withTracestate("a=1"), GETTER);
    Context judged = ChecklyContext.markForeignRequest(extracted);
    String otherTrace = "11111111111111111111111111111111";
    SpanContext newRoot =
        SpanContext.create(
            otherTrace, "3333333333333333", TraceFlags.getDefault(), W3CTraceState.empty());
    assertThat(inject(judged.with(Span.wrap(newRoot))))
        .containsEntry("traceparent", "00-" + otherTrace + "-3333333333333333-00");
  }

  @Test
  void writesOnlyTheFlagsLevel2Defines() {
    SpanContext span =
        SpanContext.create(
            TRACE_ID, PARENT_ID, TraceFlags.fromByte((byte) 0xff), W3CTraceState.empty());
    assertThat(inject(Context.root().with(Span.wrap(span))).get("traceparent")).endsWith("-03");
  }

  @Test
  void roundTripsWhatItReads() {
    Map<String, List<String>> headers = headers("traceparent", TRACEPARENT);
    headers.put("tracestate", List.of("a=1", "b=2"));
    Map<String, String> outgoing = inject(this.propagator.extract(Context.root(), headers, GETTER));
    assertThat(outgoing)
        .containsEntry("traceparent", TRACEPARENT)
        .containsEntry("tracestate", "a=1,b=2");
  }

  private SpanContext extract(Map<String, List<String>> headers) {
    return Span.fromContext(this.propagator.extract(Context.root(), headers, GETTER))
        .getSpanContext();
  }

  private Map<String, String> inject(Context context) {
    Map<String, String> outgoing = new LinkedHashMap<>();
    this.propagator.inject(context, outgoing, Map::put);
    return outgoing;
  }

  private static Map<String, List<String>> withTracestate(String tracestate) {
    Map<String, List<String>> headers = headers("traceparent", TRACEPARENT);
    headers.put("tracestate", List.of(tracestate));
    return headers;
  }

  private static Map<String, List<String>> headers(String name, String... lines) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put(name, new ArrayList<>(List.of(lines)));
    return headers;
  }

  private static List<String> members(int count) {
    List<String> members = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      members.add("k" + i + "=v" + i);
    }
    return members;
  }

  private static final TextMapGetter<Map<String, List<String>>> GETTER = HeaderLines.GETTER;
}
