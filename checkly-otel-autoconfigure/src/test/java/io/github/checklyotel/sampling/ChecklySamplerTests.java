package io.github.checklyotel.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checklyotel.propagation.internal.ChecklyContext;
import io.github.checklyotel.propagation.internal.W3CTraceContextPropagator;
import io.github.checklyotel.propagation.internal.W3CTraceState;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChecklySamplerTests {

  private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

  private static final String SPAN_ID = "b7ad6b7169203331";

  private static final TraceState CHECKLY = W3CTraceState.parse("checkly=true");

  private final ChecklySampler sampler = ChecklySampler.create();

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

  private final SdkTracerProvider tracerProvider =
      SdkTracerProvider.builder()
          .setSampler(this.sampler)
          .addSpanProcessor(SimpleSpanProcessor.create(this.exporter))
          .build();

  private final Tracer tracer = this.tracerProvider.get("test");

  @AfterEach
  void close() {
    this.tracerProvider.close();
  }

  @Test
  void dropsRootSpanOutsideChecklyRequest() {
    assertThat(decide(Context.root())).isEqualTo(SamplingDecision.DROP);
  }

  @Test
  void samplesRootSpanInChecklyRequestAndMarksItsTraceState() {
    SamplingResult result =
        this.sampler.shouldSample(
            checklyRequest(Context.root()),
            TRACE_ID,
            "GET",
            SpanKind.SERVER,
            Attributes.empty(),
            List.of());
    assertThat(result.getDecision()).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
    assertThat(result.getUpdatedTraceState(TraceState.getDefault())).isEqualTo(CHECKLY);
  }

  @Test
  void samplesRemoteParentInChecklyRequestWhateverItsSampledFlag() {
    for (TraceFlags flags : List.of(TraceFlags.getDefault(), TraceFlags.getSampled())) {
      Context parent = remoteParent(flags, TraceState.getDefault());
      assertThat(decide(checklyRequest(parent))).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
    }
  }

  @Test
  void dropsSampledRemoteParentOutsideChecklyRequest() {
    assertThat(decide(remoteParent(TraceFlags.getSampled(), TraceState.getDefault())))
        .isEqualTo(SamplingDecision.DROP);
    TraceState other = TraceState.builder().put("checkly", "false").build();
    assertThat(decide(remoteParent(TraceFlags.getSampled(), other)))
        .isEqualTo(SamplingDecision.DROP);
  }

  @Test
  void samplesRemoteParentWhoseParsedTraceStateIsChecklys() {
    assertThat(decide(remoteParent(TraceFlags.getDefault(), CHECKLY)))
        .isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
  }

  @Test
  void localChildrenFollowTheirParent() {
    Context sampledParent =
        Context.root()
            .with(
                Span.wrap(SpanContext.create(TRACE_ID, SPAN_ID, TraceFlags.getSampled(), CHECKLY)));
    Context droppedParent =
        Context.root()
            .with(
                Span.wrap(
                    SpanContext.create(
                        TRACE_ID, SPAN_ID, TraceFlags.getDefault(), TraceState.getDefault())));
    assertThat(decide(sampledParent)).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
    assertThat(decide(droppedParent)).isEqualTo(SamplingDecision.DROP);
    // A dropped local parent stays dropped even inside a Checkly request: the mark only starts
    // traces.
    assertThat(decide(checklyRequest(droppedParent))).isEqualTo(SamplingDecision.DROP);
  }

  @Test
  void keepsForeignMembersAndAddsCheckly() {
    TraceState foreign = TraceState.builder().put("vendor", "abc").build();
    SamplingResult result =
        this.sampler.shouldSample(
            checklyRequest(remoteParent(TraceFlags.getDefault(), foreign)),
            TRACE_ID,
            "GET",
            SpanKind.SERVER,
            Attributes.empty(),
            List.of());
    TraceState updated = result.getUpdatedTraceState(foreign);
    assertThat(updated.get("vendor")).isEqualTo("abc");
    assertThat(updated.get("checkly")).isEqualTo("true");
  }

  @Test
  void wholeChecklyTraceIsRecordedAndPropagatesTheMark() {
    Context extracted = extract("00-" + TRACE_ID + "-" + SPAN_ID + "-00", " checkly=true");
    // The mark whatever the spaces around it, and whatever the incoming sampled flag...
    assertThat(Span.fromContext(extracted).getSpanContext().getTraceState()).isEqualTo(CHECKLY);

    Span server =
        this.tracer
            .spanBuilder("GET /orders")
            .setParent(checklyRequest(extracted))
            .setSpanKind(SpanKind.SERVER)
            .startSpan();
    Map<String, String> outgoing = new HashMap<>();
    try (Scope ignored = server.makeCurrent()) {
      Span child = this.tracer.spanBuilder("SELECT").startSpan();
      try (Scope alsoIgnored = child.makeCurrent()) {
        W3CTraceContextPropagator.getInstance().inject(Context.current(), outgoing, Map::put);
      } finally {
        child.end();
      }
    } finally {
      server.end();
    }

    // ...and the mark travels downstream sampled.
    assertThat(this.exporter.getFinishedSpanItems())
        .hasSize(2)
        .allSatisfy(
            span -> {
              assertThat(span.getTraceId()).isEqualTo(TRACE_ID);
              assertThat(span.getSpanContext().getTraceState()).isEqualTo(CHECKLY);
            });
    assertThat(outgoing.get("traceparent")).startsWith("00-" + TRACE_ID + "-").endsWith("-01");
    assertThat(outgoing.get("tracestate")).isEqualTo("checkly=true");
  }

  @Test
  void ordinaryRequestRecordsNothing() {
    Context extracted = extract("00-" + TRACE_ID + "-" + SPAN_ID + "-01", "vendor=abc");
    Span server = this.tracer.spanBuilder("GET /orders").setParent(extracted).startSpan();
    try (Scope ignored = server.makeCurrent()) {
      this.tracer.spanBuilder("SELECT").startSpan().end();
      this.tracer.spanBuilder("background").setNoParent().startSpan().end();
    } finally {
      server.end();
    }
    assertThat(server.isRecording()).isFalse();
    assertThat(this.exporter.getFinishedSpanItems()).isEmpty();
  }

  @Test
  void cappedSamplerRefusesNewTracesButKeepsStartedOnesWhole() {
    AtomicLong clock = new AtomicLong();
    ChecklySampler capped = ChecklySampler.create(ChecklyTraceLimiter.create(1, 2, clock::get));
    Context entry = checklyRequest(Context.root());
    List<SamplingDecision> decisions = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      decisions.add(
          capped
              .shouldSample(
                  entry, traceId(i), "GET", SpanKind.SERVER, Attributes.empty(), List.of())
              .getDecision());
    }
    assertThat(decisions)
        .containsExactly(
            SamplingDecision.RECORD_AND_SAMPLE,
            SamplingDecision.RECORD_AND_SAMPLE,
            SamplingDecision.DROP,
            SamplingDecision.DROP);
    Context sampledLocalParent =
        entry.with(
            Span.wrap(SpanContext.create(TRACE_ID, SPAN_ID, TraceFlags.getSampled(), CHECKLY)));
    for (int i = 0; i < 100; i++) {
      assertThat(
              capped
                  .shouldSample(
                      sampledLocalParent,
                      TRACE_ID,
                      "SELECT",
                      SpanKind.CLIENT,
                      Attributes.empty(),
                      List.of())
                  .getDecision())
          .isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
    }
    assertThat(capped.getLimiter())
        .hasValueSatisfying(limiter -> assertThat(limiter.getRefusedCount()).isEqualTo(2));
    // Only the two admitted entry spans started traces; their children and refusals did not.
    assertThat(capped.getTracesStarted()).isEqualTo(2);
    assertThat(capped.getDescription())
        .isEqualTo("ChecklySampler{tracestate=checkly=true, limit=1.0/s, burst=2}");
  }

  @Test
  void aRefusedTraceLosesTheMarkSoNoServiceDownstreamRecordsIt() {
    AtomicLong clock = new AtomicLong();
    ChecklySampler capped = ChecklySampler.create(ChecklyTraceLimiter.create(1, 1, clock::get));
    TraceState marked = W3CTraceState.parse("checkly=true,vendor=1");
    Context first = checklyRequest(remoteParent(traceId(1), TraceFlags.getSampled(), marked));
    Context second = checklyRequest(remoteParent(traceId(2), TraceFlags.getSampled(), marked));
    assertThat(sample(capped, first, traceId(1)).getDecision())
        .isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
    SamplingResult refused = sample(capped, second, traceId(2));
    assertThat(refused.getDecision()).isEqualTo(SamplingDecision.DROP);
    assertThat(refused.getUpdatedTraceState(marked).asMap()).containsOnlyKeys("vendor");
  }

  @Test
  void aRequestComingBackFromOwnCallTakesNoSecondTokenOnce() {
    AtomicLong clock = new AtomicLong();
    OutgoingSpans calls = OutgoingSpans.create(16, Duration.ofMinutes(1), 4, clock::get);
    ChecklySampler capped =
        ChecklySampler.builder()
            .limiter(ChecklyTraceLimiter.create(1, 1, clock::get))
            .outgoingSpans(calls)
            .build();
    Context entry = checklyRequest(Context.root());
    assertThat(sample(capped, entry, traceId(1)).getDecision())
        .isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
    // The service calls itself: its client span is remembered, and the call comes back under it.
    calls.remember(entry, traceId(1), "1111111111111111", SpanKind.CLIENT);
    Context callBack =
        checklyRequest(
            remoteParent(traceId(1), "1111111111111111", TraceFlags.getSampled(), CHECKLY));
    assertThat(sample(capped, callBack, traceId(1)).getDecision())
        .isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
    // The bucket is empty: a replay of the same call, or another trace, is refused.
    assertThat(sample(capped, callBack, traceId(1)).getDecision()).isEqualTo(SamplingDecision.DROP);
    assertThat(sample(capped, checklyRequest(Context.root()), traceId(2)).getDecision())
        .isEqualTo(SamplingDecision.DROP);
    assertThat(capped.getTracesStarted()).isEqualTo(1);
  }

  @Test
  void aRequestLetInOnlyAsACallBackUsesTheCallUpOrIsDroppedTokensLeftOrNot() {
    OutgoingSpans calls = OutgoingSpans.create(16, Duration.ofMinutes(1), 4);
    ChecklySampler strict =
        ChecklySampler.builder()
            .limiter(ChecklyTraceLimiter.create(100, 100))
            .outgoingSpans(calls)
            .trustRemoteMark(false)
            .build();
    calls.openTrace(Context.root(), traceId(1));
    calls.remember(Context.root(), traceId(1), "1111111111111111", SpanKind.CLIENT);
    Context callBack =
        ChecklyContext.markCallBack(
            remoteParent(traceId(1), "1111111111111111", TraceFlags.getSampled(), CHECKLY),
            traceId(1));
    assertThat(sample(strict, callBack, traceId(1)).getDecision())
        .isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
    // Concurrent replays passed the boundary too; the call is used up, and tokens do not count.
    SamplingResult replay = sample(strict, callBack, traceId(1));
    assertThat(replay.getDecision()).isEqualTo(SamplingDecision.DROP);
    assertThat(replay.getUpdatedTraceState(CHECKLY).get("checkly")).isNull();
    assertThat(strict.getLimiter().orElseThrow().getRefusedCount()).isZero();
  }

  @Test
  void oneAdmittedTraceLetsInAtMostItsAllowanceOfCallBacksAcrossAChain() {
    OutgoingSpans calls = OutgoingSpans.create(1024, Duration.ofMinutes(1), 3);
    ChecklySampler strict =
        ChecklySampler.builder().outgoingSpans(calls).trustRemoteMark(false).build();
    // The genuine entry, with the secret: it opens the trace's allowance.
    Context caller = checklyRequest(Context.root());
    assertThat(sample(strict, caller, traceId(1)).getDecision())
        .isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
    // A party that sees each outgoing call replays it; each admitted replay makes a new call.
    int admitted = 0;
    for (int call = 1; call <= 10; call++) {
      String callId = String.format("%016x", call);
      calls.remember(caller, traceId(1), callId, SpanKind.CLIENT);
      Context replay =
          ChecklyContext.markCallBack(
              remoteParent(traceId(1), callId, TraceFlags.getSampled(), CHECKLY), traceId(1));
      if (sample(strict, replay, traceId(1)).getDecision() == SamplingDecision.RECORD_AND_SAMPLE) {
        admitted++;
        caller = replay;
      }
    }
    assertThat(admitted).isEqualTo(3);
    // Another admitted trace has an allowance of its own.
    Context other = checklyRequest(Context.root());
    assertThat(sample(strict, other, traceId(2)).getDecision())
        .isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
    calls.remember(other, traceId(2), "2222222222222222", SpanKind.CLIENT);
    assertThat(calls.isCallBack(traceId(2), "2222222222222222")).isTrue();
  }

  @Test
  void strictModeContinuesATraceThroughAMessageThisInstanceSent() {
    OutgoingSpans calls = OutgoingSpans.create(16, Duration.ofMinutes(1), 4);
    ChecklySampler strict =
        ChecklySampler.builder().outgoingSpans(calls).trustRemoteMark(false).build();
    calls.openTrace(Context.root(), traceId(1));
    calls.remember(Context.root(), traceId(1), "1111111111111111", SpanKind.PRODUCER);
    // No boundary judged the delivery: its parent is the producer span, marked in its trace state.
    Context delivery =
        remoteParent(traceId(1), "1111111111111111", TraceFlags.getSampled(), CHECKLY);
    assertThat(consume(strict, delivery, traceId(1)).getDecision())
        .isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
    // Delivered twice, or a stranger's message with the mark: nothing.
    assertThat(consume(strict, delivery, traceId(1)).getDecision())
        .isEqualTo(SamplingDecision.DROP);
    Context stranger = remoteParent(traceId(3), TraceFlags.getSampled(), CHECKLY);
    assertThat(consume(strict, stranger, traceId(3)).getDecision())
        .isEqualTo(SamplingDecision.DROP);
  }

  @Test
  void aCallComesBackOnlyTheWayItLeft() {
    OutgoingSpans calls = OutgoingSpans.create(16, Duration.ofMinutes(1), 4);
    ChecklySampler strict =
        ChecklySampler.builder().outgoingSpans(calls).trustRemoteMark(false).build();
    calls.openTrace(Context.root(), traceId(1));
    calls.remember(Context.root(), traceId(1), "1111111111111111", SpanKind.PRODUCER);
    calls.remember(Context.root(), traceId(1), "2222222222222222", SpanKind.CLIENT);
    // A message's id replayed as an HTTP request, an HTTP call's id replayed as a message.
    Context asRequest =
        ChecklyContext.markCallBack(
            remoteParent(traceId(1), "1111111111111111", TraceFlags.getSampled(), CHECKLY),
            traceId(1));
    assertThat(sample(strict, asRequest, traceId(1)).getDecision())
        .isEqualTo(SamplingDecision.DROP);
    Context asMessage =
        remoteParent(traceId(1), "2222222222222222", TraceFlags.getSampled(), CHECKLY);
    assertThat(consume(strict, asMessage, traceId(1)).getDecision())
        .isEqualTo(SamplingDecision.DROP);
    // Each still comes back the way it left.
    assertThat(consume(strict, asRequest, traceId(1)).getDecision())
        .isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
    assertThat(sample(strict, asMessage, traceId(1)).getDecision())
        .isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
  }

  @Test
  void shutdownForgetsTheCalls() {
    OutgoingSpans calls = OutgoingSpans.create(16, Duration.ofMinutes(1), 4);
    ChecklySampler sampler = ChecklySampler.builder().outgoingSpans(calls).build();
    calls.openTrace(Context.root(), traceId(1));
    calls.remember(Context.root(), traceId(1), "1111111111111111", SpanKind.CLIENT);
    assertThat(calls.isCallBack(traceId(1), "1111111111111111")).isTrue();
    SdkTracerProvider.builder().setSampler(sampler).build().close();
    assertThat(calls.isCallBack(traceId(1), "1111111111111111")).isFalse();
  }

  @Test
  void onlyTheTraceTheBoundaryJudgedIsAdmitted() {
    // The boundary saw trace 1 in traceparent; another propagator put trace 2 in its place.
    Context other =
        ChecklyContext.markChecklyRequest(Context.root(), traceId(1))
            .with(
                Span.wrap(
                    SpanContext.createFromRemoteParent(
                        traceId(2), SPAN_ID, TraceFlags.getSampled(), CHECKLY)));
    assertThat(sample(this.sampler, other, traceId(2)).getDecision())
        .isEqualTo(SamplingDecision.DROP);
    // A Checkly request without a traceparent starts a trace, but continues no one's.
    Context withoutTraceparent =
        ChecklyContext.markChecklyRequest(Context.root())
            .with(
                Span.wrap(
                    SpanContext.createFromRemoteParent(
                        traceId(3), SPAN_ID, TraceFlags.getSampled(), CHECKLY)));
    assertThat(sample(this.sampler, withoutTraceparent, traceId(3)).getDecision())
        .isEqualTo(SamplingDecision.DROP);
  }

  @Test
  void aRequestTheBoundaryJudgedForeignIsDroppedWhateverItsTraceStateSays() {
    Context parent = remoteParent(TraceFlags.getSampled(), CHECKLY);
    Context judged = ChecklyContext.markForeignRequest(parent);
    SamplingResult result = sample(this.sampler, judged, TRACE_ID);
    assertThat(result.getDecision()).isEqualTo(SamplingDecision.DROP);
    assertThat(result.getUpdatedTraceState(CHECKLY).isEmpty()).isTrue();
    // Judged before any parent was extracted (the foreign context not passed on), then given the
    // caller's parent by OpenTelemetry's own server filter: the judgement holds.
    Context judgedThenExtracted =
        ChecklyContext.markForeignRequest(Context.root())
            .with(Span.fromContext(remoteParent(TraceFlags.getSampled(), CHECKLY)));
    assertThat(decide(judgedThenExtracted)).isEqualTo(SamplingDecision.DROP);
  }

  @Test
  void inStrictModeARemoteMarkStartsNothing() {
    ChecklySampler strict = ChecklySampler.builder().trustRemoteMark(false).build();
    for (TraceFlags flags : List.of(TraceFlags.getDefault(), TraceFlags.getSampled())) {
      assertThat(sample(strict, remoteParent(flags, CHECKLY), TRACE_ID).getDecision())
          .isEqualTo(SamplingDecision.DROP);
    }
    // The boundary's word, given only with the secret, still counts.
    assertThat(sample(strict, checklyRequest(Context.root()), TRACE_ID).getDecision())
        .isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
    assertThat(strict.getDescription())
        .isEqualTo("ChecklySampler{tracestate=checkly=true, remoteMark=untrusted}");
  }

  @Test
  void aFullTraceStateMakesRoomForTheMarkAtTheLeft() {
    StringBuilder header = new StringBuilder();
    for (int i = 0; i < 32; i++) {
      header.append(i == 0 ? "" : ",").append("k").append(i).append("=v");
    }
    TraceState full = W3CTraceState.parse(header.toString());
    assertThat(full.size()).isEqualTo(32);
    SamplingResult result = sample(this.sampler, checklyRequest(Context.root()), TRACE_ID);
    TraceState updated = result.getUpdatedTraceState(full);
    assertThat(updated.size()).isEqualTo(32);
    assertThat(updated.asMap().keySet()).startsWith("checkly", "k0").doesNotContain("k31");
  }

  @Test
  void hasStableDescription() {
    assertThat(this.sampler.getDescription()).isEqualTo("ChecklySampler{tracestate=checkly=true}");
    assertThat(this.sampler).hasToString(this.sampler.getDescription());
    assertThat(ChecklySampler.create()).hasToString(this.sampler.toString());
  }

  private SamplingDecision decide(Context parent) {
    return this.sampler
        .shouldSample(parent, TRACE_ID, "span", SpanKind.INTERNAL, Attributes.empty(), List.of())
        .getDecision();
  }

  /** Marks {@code context} as the boundary does: with its remote parent's trace id, if any. */
  private static Context checklyRequest(Context context) {
    SpanContext parent = Span.fromContext(context).getSpanContext();
    return ChecklyContext.markChecklyRequest(
        context, parent.isValid() ? parent.getTraceId() : null);
  }

  private static Context remoteParent(TraceFlags flags, TraceState traceState) {
    return remoteParent(TRACE_ID, flags, traceState);
  }

  private static Context remoteParent(String traceId, TraceFlags flags, TraceState traceState) {
    return remoteParent(traceId, SPAN_ID, flags, traceState);
  }

  private static Context remoteParent(
      String traceId, String spanId, TraceFlags flags, TraceState traceState) {
    return Context.root()
        .with(Span.wrap(SpanContext.createFromRemoteParent(traceId, spanId, flags, traceState)));
  }

  private static SamplingResult sample(ChecklySampler sampler, Context parent, String traceId) {
    return sampler.shouldSample(
        parent, traceId, "span", SpanKind.SERVER, Attributes.empty(), List.of());
  }

  private static SamplingResult consume(ChecklySampler sampler, Context parent, String traceId) {
    return sampler.shouldSample(
        parent, traceId, "process", SpanKind.CONSUMER, Attributes.empty(), List.of());
  }

  private static String traceId(int n) {
    return String.format("%032x", n + 1);
  }

  private static Context extract(String traceparent, String tracestate) {
    Map<String, String> headers = Map.of("traceparent", traceparent, "tracestate", tracestate);
    return W3CTraceContextPropagator.getInstance()
        .extract(
            Context.root(),
            headers,
            new TextMapGetter<>() {
              @Override
              public Iterable<String> keys(Map<String, String> carrier) {
                return carrier.keySet();
              }

              @Override
              public String get(Map<String, String> carrier, String key) {
                return carrier == null ? null : carrier.get(key);
              }
            });
  }
}
