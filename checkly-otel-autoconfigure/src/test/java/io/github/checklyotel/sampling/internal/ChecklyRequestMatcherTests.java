package io.github.checklyotel.sampling.internal;

import static io.github.checklyotel.TestTraceIds.TRACE_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.checklyotel.TestSpans;
import io.github.checklyotel.propagation.internal.ChecklyContext;
import io.github.checklyotel.propagation.internal.HeaderLines;
import io.github.checklyotel.sampling.ChecklySampler;
import io.github.checklyotel.sampling.OutgoingSpans;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChecklyRequestMatcherTests {

  private static final String SECRET = "s3cret";

  private static final String TRACEPARENT = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";

  private final OutgoingSpans calls = OutgoingSpans.create(16, Duration.ofMinutes(1), 4);

  private final ChecklyRequestMatcher strict =
      ChecklyRequestMatcher.withOriginSecret("X-Checkly-Origin", SECRET, this.calls);

  @Test
  void matchesTheMarkAloneOutsideStrictMode() {
    ChecklyRequestMatcher matcher = ChecklyRequestMatcher.tracestateOnly();
    assertThat(matcher.matches(request("tracestate", "checkly=true"), HEADERS)).isTrue();
    assertThat(matcher.matches(request("tracestate", "checkly=false,checkly=true"), HEADERS))
        .isFalse();
    assertThat(matcher.matches(request(), HEADERS)).isFalse();
    assertThat(matcher.getOtherRequestCount()).isEqualTo(2);
  }

  @Test
  void strictModeNeedsTheSecretToo() {
    assertThat(this.strict.matches(request("tracestate", "checkly=true"), HEADERS)).isFalse();
    assertThat(
            this.strict.matches(
                request("tracestate", "checkly=true", "X-Checkly-Origin", "wrong"), HEADERS))
        .isFalse();
    assertThat(
            this.strict.matches(
                request("tracestate", "checkly=true", "X-Checkly-Origin", SECRET), HEADERS))
        .isTrue();
    // The secret without the mark is not a Checkly request.
    assertThat(this.strict.matches(request("X-Checkly-Origin", SECRET), HEADERS)).isFalse();
  }

  @Test
  void strictModeAdmitsARequestComingBackFromACallOfThisInstance() {
    Map<String, List<String>> reentry =
        request("traceparent", TRACEPARENT, "tracestate", "checkly=true");
    assertThat(this.strict.matches(reentry, HEADERS)).isFalse();
    callOut("00f067aa0ba902b7");
    assertThat(this.strict.matches(reentry, HEADERS)).isTrue();
    // Another parent in the same trace is not a call of this instance.
    assertThat(
            this.strict.matches(
                request(
                    "traceparent",
                    "00-" + TRACE_ID + "-00f067aa0ba902b8-01",
                    "tracestate",
                    "checkly=true"),
                HEADERS))
        .isFalse();
    // Not without the mark, and not with a traceparent the specification rejects.
    assertThat(this.strict.matches(request("traceparent", TRACEPARENT), HEADERS)).isFalse();
    Map<String, List<String>> twoParents =
        request(
            "traceparent", TRACEPARENT, "traceparent", TRACEPARENT, "tracestate", "checkly=true");
    assertThat(this.strict.matches(twoParents, HEADERS)).isFalse();
  }

  @Test
  void marksWhetherTheRequestProvedItsOriginOrCameBackAsACall() {
    callOut("00f067aa0ba902b7");
    Map<String, List<String>> callBack =
        request("traceparent", TRACEPARENT, "tracestate", "checkly=true");
    Context marked = this.strict.markChecklyRequest(Context.root(), callBack, HEADERS);
    assertThat(ChecklyContext.isJudgedTrace(marked, TRACE_ID, true)).isTrue();
    assertThat(ChecklyContext.isCallBackOnly(marked)).isTrue();
    Map<String, List<String>> withSecret =
        request(
            "traceparent", TRACEPARENT, "tracestate", "checkly=true", "X-Checkly-Origin", SECRET);
    assertThat(
            ChecklyContext.isCallBackOnly(
                this.strict.markChecklyRequest(Context.root(), withSecret, HEADERS)))
        .isFalse();
    Context plain =
        ChecklyRequestMatcher.tracestateOnly()
            .markChecklyRequest(Context.root(), request("tracestate", "checkly=true"), HEADERS);
    assertThat(ChecklyContext.isJudgedTrace(plain, TRACE_ID, false)).isTrue();
    assertThat(ChecklyContext.isCallBackOnly(plain)).isFalse();
  }

  @Test
  void neverShowsTheSecret() {
    assertThat(this.strict)
        .hasToString(
            "ChecklyRequestMatcher{tracestate=checkly=true, originHeader=X-Checkly-Origin, secret=******}");
  }

  @Test
  void namesTheHeadersThatMayCarryTraceContext() {
    assertThat(ChecklyRequestMatcher.traceHeaders(null))
        .containsExactly("traceparent", "tracestate");
  }

  /**
   * Makes the call {@code spanId} out of an admitted Checkly trace {@code TRACE_ID}, as the SDK
   * tells the call memory about it.
   */
  private void callOut(String spanId) {
    SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .setSampler(ChecklySampler.builder().outgoingSpans(this.calls).build())
            .addSpanProcessor(this.calls.spanProcessor())
            .setIdGenerator(
                new IdGenerator() {
                  @Override
                  public String generateSpanId() {
                    return spanId;
                  }

                  @Override
                  public String generateTraceId() {
                    return TRACE_ID;
                  }
                })
            .build();
    // Not shut down: that would make the call memory forget.
    TestSpans.callOut(provider.get("test"));
  }

  private static Map<String, List<String>> request(String... headers) {
    return HeaderLines.of(headers);
  }

  private static final TextMapGetter<Map<String, List<String>>> HEADERS = HeaderLines.GETTER;
}
