package io.github.checklyotel.agent.internal;

import static io.github.checklyotel.TestTraceIds.TRACE_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.checklyotel.propagation.internal.ChecklyContext;
import io.github.checklyotel.propagation.internal.HeaderLines;
import io.github.checklyotel.sampling.internal.ChecklyRequestMatcher;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The agent's boundary: one decision per request, where the agent extracts its context. */
class ChecklyBoundaryPropagatorTests {

  private static final String TRACEPARENT = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";

  private final ChecklyRequestMatcher matcher = ChecklyRequestMatcher.tracestateOnly();

  private final ChecklyBoundaryPropagator boundary =
      new ChecklyBoundaryPropagator(this.matcher, true);

  @Test
  void requestWithoutTraceHeadersIsCountedAndLeftAsItCame() {
    Context root = Context.root();
    assertThat(extract(root, HeaderLines.of("accept", "*/*"))).isSameAs(root);
    assertThat(this.matcher.getOtherRequestCount()).isOne();
  }

  @Test
  void checklyRequestIsMarkedForTheTraceItsTraceparentNames() {
    Context context =
        extract(
            Context.root(),
            HeaderLines.of(
                "traceparent",
                TRACEPARENT,
                "tracestate",
                "a=1,b@x=2",
                "tracestate",
                "checkly=true"));
    assertThat(ChecklyContext.isJudgedTrace(context, TRACE_ID, true)).isTrue();
    SpanContext parent = Span.fromContext(context).getSpanContext();
    assertThat(parent.getTraceId()).isEqualTo(TRACE_ID);
    assertThat(parent.getTraceState().get("b@x")).isEqualTo("2");
  }

  @Test
  void checklyRequestWithAnInvalidTraceparentIsMarkedForANewTrace() {
    Context context =
        extract(
            Context.root(),
            HeaderLines.of(
                "traceparent",
                "00-" + TRACE_ID + "-0000000000000000-01",
                "tracestate",
                "checkly=true"));
    assertThat(Span.fromContext(context).getSpanContext().isValid()).isFalse();
    assertThat(ChecklyContext.isJudgedTrace(context, "0123456789abcdef0123456789abcdef", false))
        .isTrue();
    assertThat(ChecklyContext.isJudgedTrace(context, TRACE_ID, true)).isFalse();
  }

  @Test
  void otherRequestKeepsItsCallersParentToPassOn() {
    Context context =
        extract(
            Context.root(),
            HeaderLines.of("traceparent", TRACEPARENT, "tracestate", "checkly=false"));
    assertThat(ChecklyContext.isChecklyRequest(context)).isFalse();
    assertThat(ChecklyContext.foreignParent(context).getTraceId()).isEqualTo(TRACE_ID);
    assertThat(this.matcher.getOtherRequestCount()).isOne();
  }

  @Test
  void otherRequestPassesNothingOnWhenToldNotTo() {
    ChecklyBoundaryPropagator closed = new ChecklyBoundaryPropagator(this.matcher, false);
    Context context =
        closed.extract(
            Context.root(), HeaderLines.of("traceparent", TRACEPARENT), HeaderLines.GETTER);
    assertThat(ChecklyContext.foreignParent(context).isValid()).isFalse();
    assertThat(Span.fromContext(context).getSpanContext().isValid()).isFalse();
  }

  @Test
  void theSameRequestExtractedAgainIsNotJudgedAgain() {
    Map<String, List<String>> checkly =
        HeaderLines.of("traceparent", TRACEPARENT, "tracestate", "checkly=true");
    Context judged = extract(Context.root(), checkly);
    assertThat(extract(judged, checkly)).isSameAs(judged);
    assertThat(extract(judged, HeaderLines.of("accept", "*/*"))).isSameAs(judged);
    Context foreign = extract(Context.root(), HeaderLines.of("traceparent", TRACEPARENT));
    assertThat(extract(foreign, checkly)).isSameAs(foreign);
    assertThat(this.matcher.getOtherRequestCount()).isOne();
  }

  @Test
  void anotherCarrierInsideAJudgedRequestIsJudgedOnItsOwnHeaders() {
    Context checklyRequest =
        extract(
            Context.root(),
            HeaderLines.of("traceparent", TRACEPARENT, "tracestate", "checkly=true"));
    String other = "5bf92f3577b34da6a3ce929d0e0e4736";
    Context message =
        extract(
            checklyRequest, HeaderLines.of("traceparent", "00-" + other + "-00f067aa0ba902b7-01"));
    assertThat(ChecklyContext.isChecklyRequest(message)).isFalse();
    assertThat(ChecklyContext.foreignParent(message).getTraceId()).isEqualTo(other);
    Context foreignRequest = extract(Context.root(), HeaderLines.of("traceparent", TRACEPARENT));
    Context checklyMessage =
        extract(
            foreignRequest,
            HeaderLines.of(
                "traceparent",
                "00-" + other + "-00f067aa0ba902b7-01",
                "tracestate",
                "checkly=true"));
    assertThat(ChecklyContext.isJudgedTrace(checklyMessage, other, true)).isTrue();
    assertThat(ChecklyContext.foreignParent(checklyMessage)).isNull();
  }

  private Context extract(Context context, Map<String, List<String>> headers) {
    return this.boundary.extract(context, headers, HeaderLines.GETTER);
  }
}
