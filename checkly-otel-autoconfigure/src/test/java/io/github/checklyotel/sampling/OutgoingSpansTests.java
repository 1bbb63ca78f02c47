package io.github.checklyotel.sampling;

import static io.github.checklyotel.TestTraceIds.PARENT_ID;
import static io.github.checklyotel.TestTraceIds.TRACE_ID;
import static io.opentelemetry.api.trace.SpanKind.CLIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.github.checklyotel.propagation.internal.ChecklyContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OutgoingSpansTests {

  private static final String OTHER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4737";

  private final AtomicLong now = new AtomicLong(-5_000_000_000L);

  private final OutgoingSpans calls =
      OutgoingSpans.create(64, Duration.ofSeconds(10), 8, this.now::get);

  @Test
  void letsOneRequestBackInUnderACallWithinTheWindow() {
    this.calls.openTrace(Context.root(), TRACE_ID);
    assertThat(this.calls.isCallBack(TRACE_ID, PARENT_ID)).isFalse();
    this.calls.remember(Context.root(), TRACE_ID, PARENT_ID, SpanKind.CLIENT);
    assertThat(this.calls.isCallBack(TRACE_ID, PARENT_ID)).isTrue();
    assertThat(this.calls.admitCallBack(Context.root(), TRACE_ID, PARENT_ID, SpanKind.SERVER))
        .isTrue();
    // Once: a replay of the same call gets nothing.
    assertThat(this.calls.isCallBack(TRACE_ID, PARENT_ID)).isFalse();
    assertThat(this.calls.admitCallBack(Context.root(), TRACE_ID, PARENT_ID, SpanKind.SERVER))
        .isFalse();
  }

  @Test
  void remembersCallsOnlyOfTracesAdmittedHere() {
    this.calls.remember(Context.root(), TRACE_ID, PARENT_ID, SpanKind.CLIENT);
    assertThat(this.calls.isCallBack(TRACE_ID, PARENT_ID)).isFalse();
  }

  @Test
  void forgetsACallAfterTheWindow() {
    this.calls.openTrace(Context.root(), TRACE_ID);
    this.calls.remember(Context.root(), TRACE_ID, PARENT_ID, SpanKind.CLIENT);
    this.now.addAndGet(Duration.ofSeconds(10).toNanos() - 1);
    assertThat(this.calls.isCallBack(TRACE_ID, PARENT_ID)).isTrue();
    this.now.addAndGet(1);
    assertThat(this.calls.admitCallBack(Context.root(), TRACE_ID, PARENT_ID, SpanKind.SERVER))
        .isFalse();
  }

  @Test
  void knowsTheCallNotJustTheTrace() {
    this.calls.openTrace(Context.root(), TRACE_ID);
    this.calls.remember(Context.root(), TRACE_ID, PARENT_ID, SpanKind.CLIENT);
    assertThat(this.calls.isCallBack(TRACE_ID, "00f067aa0ba902b8")).isFalse();
    assertThat(this.calls.isCallBack(OTHER_TRACE, PARENT_ID)).isFalse();
  }

  @Test
  void aCallComesBackOnlyTheWayItLeft() {
    this.calls.openTrace(Context.root(), TRACE_ID);
    this.calls.remember(Context.root(), TRACE_ID, "1111111111111111", SpanKind.CLIENT);
    this.calls.remember(Context.root(), TRACE_ID, "2222222222222222", SpanKind.PRODUCER);
    this.calls.remember(Context.root(), TRACE_ID, "3333333333333333", SpanKind.SERVER);
    this.calls.remember(Context.root(), TRACE_ID, "4444444444444444", SpanKind.INTERNAL);
    assertThat(
            this.calls.admitCallBack(
                Context.root(), TRACE_ID, "1111111111111111", SpanKind.CONSUMER))
        .isFalse();
    assertThat(
            this.calls.admitCallBack(
                Context.root(), TRACE_ID, "1111111111111111", SpanKind.INTERNAL))
        .isFalse();
    assertThat(
            this.calls.admitCallBack(Context.root(), TRACE_ID, "2222222222222222", SpanKind.SERVER))
        .isFalse();
    assertThat(this.calls.isCallBack(TRACE_ID, "3333333333333333")).isFalse();
    assertThat(this.calls.isCallBack(TRACE_ID, "4444444444444444")).isFalse();
    // A mismatch does not use the call up.
    assertThat(
            this.calls.admitCallBack(Context.root(), TRACE_ID, "1111111111111111", SpanKind.SERVER))
        .isTrue();
    assertThat(
            this.calls.admitCallBack(
                Context.root(), TRACE_ID, "2222222222222222", SpanKind.CONSUMER))
        .isTrue();
  }

  @Test
  void anAdmittedTraceLetsInItsAllowanceAndNoMoreAcrossItsCallBacksCalls() {
    this.calls.openTrace(Context.root(), TRACE_ID);
    int admitted = 0;
    for (int i = 1; i <= 20; i++) {
      // Each call-back makes a call of its own, under the same trace.
      this.calls.remember(Context.root(), TRACE_ID, spanId(i), SpanKind.CLIENT);
      admitted +=
          this.calls.admitCallBack(Context.root(), TRACE_ID, spanId(i), SpanKind.SERVER) ? 1 : 0;
    }
    assertThat(admitted).isEqualTo(8);
    // Calls made once the allowance is spent are not remembered at all.
    this.calls.remember(Context.root(), TRACE_ID, spanId(21), SpanKind.CLIENT);
    assertThat(this.calls.isCallBack(TRACE_ID, spanId(21))).isFalse();
    // A new admission of the trace (a token, or the secret again) opens a fresh allowance.
    this.calls.openTrace(Context.root(), TRACE_ID);
    this.calls.remember(Context.root(), TRACE_ID, spanId(22), SpanKind.CLIENT);
    assertThat(this.calls.admitCallBack(Context.root(), TRACE_ID, spanId(22), SpanKind.SERVER))
        .isTrue();
  }

  @Test
  void aRequestsAllowanceIsKeptInItsDecisionUntilItsTraceMakesACall() {
    Context request = ChecklyContext.markChecklyRequest(Context.root(), TRACE_ID);
    this.calls.openTrace(request, TRACE_ID);
    // Not by trace id: a call made outside the request's context finds no open trace yet.
    this.calls.remember(Context.root(), TRACE_ID, spanId(1), SpanKind.CLIENT);
    assertThat(this.calls.isCallBack(TRACE_ID, spanId(1))).isFalse();
    this.calls.remember(request, TRACE_ID, spanId(2), SpanKind.CLIENT);
    assertThat(this.calls.isCallBack(TRACE_ID, spanId(2))).isTrue();
    // From its first call on, the trace is found by id too, on the same allowance.
    this.calls.remember(Context.root(), TRACE_ID, spanId(3), SpanKind.CLIENT);
    assertThat(this.calls.isCallBack(TRACE_ID, spanId(3))).isTrue();
  }

  @Test
  void aRequestsAllowanceBoundsItsCallBacksWhereverTheirCallsAreMade() {
    Context request = ChecklyContext.markChecklyRequest(Context.root(), TRACE_ID);
    this.calls.openTrace(request, TRACE_ID);
    int admitted = 0;
    for (int i = 1; i <= 20; i++) {
      // Each call-back is a request of its own, whose calls draw on the same allowance.
      Context callBack = ChecklyContext.markChecklyRequest(Context.root(), TRACE_ID);
      this.calls.remember((i % 2 == 0) ? request : Context.root(), TRACE_ID, spanId(i), CLIENT);
      admitted += this.calls.admitCallBack(callBack, TRACE_ID, spanId(i), SpanKind.SERVER) ? 1 : 0;
      this.calls.remember(callBack, TRACE_ID, spanId(100 + i), SpanKind.CLIENT);
      admitted +=
          this.calls.admitCallBack(Context.root(), TRACE_ID, spanId(100 + i), SpanKind.SERVER)
              ? 1
              : 0;
    }
    assertThat(admitted).isEqualTo(8);
  }

  @Test
  void aCallIsRememberedOnlyUnderAnAllowanceTheSamplerGave() {
    // A span recorded in a Checkly request's context that no admission opened (a user's sampler
    // that records more than the Checkly sampler admitted) lets nothing back in.
    Context request = ChecklyContext.markChecklyRequest(Context.root(), TRACE_ID);
    this.calls.remember(request, TRACE_ID, PARENT_ID, SpanKind.CLIENT);
    assertThat(this.calls.isCallBack(TRACE_ID, PARENT_ID)).isFalse();
    // Nor a call of another trace made in the context of a request whose trace was admitted.
    this.calls.openTrace(request, TRACE_ID);
    this.calls.remember(request, OTHER_TRACE, PARENT_ID, SpanKind.CLIENT);
    assertThat(this.calls.isCallBack(OTHER_TRACE, PARENT_ID)).isFalse();
  }

  @Test
  void callsOutstandingWhenTheAllowanceRunsOutAreNoLongerCallBacks() {
    OutgoingSpans one = OutgoingSpans.create(64, Duration.ofSeconds(10), 1, this.now::get);
    one.openTrace(Context.root(), TRACE_ID);
    one.remember(Context.root(), TRACE_ID, spanId(1), SpanKind.CLIENT);
    one.remember(Context.root(), TRACE_ID, spanId(2), SpanKind.CLIENT);
    assertThat(one.admitCallBack(Context.root(), TRACE_ID, spanId(2), SpanKind.SERVER)).isTrue();
    assertThat(one.isCallBack(TRACE_ID, spanId(1))).isFalse();
    assertThat(one.admitCallBack(Context.root(), TRACE_ID, spanId(1), SpanKind.SERVER)).isFalse();
  }

  @Test
  void noCallBacksWhenTheAllowanceIsZero() {
    OutgoingSpans none = OutgoingSpans.create(64, Duration.ofSeconds(10), 0, this.now::get);
    none.openTrace(Context.root(), TRACE_ID);
    none.remember(Context.root(), TRACE_ID, PARENT_ID, SpanKind.CLIENT);
    assertThat(none.isCallBack(TRACE_ID, PARENT_ID)).isFalse();
  }

  @Test
  void concurrentCallBacksNeverExceedTheAllowance() throws Exception {
    OutgoingSpans shared = OutgoingSpans.create(4096, Duration.ofMinutes(1), 50);
    shared.openTrace(Context.root(), TRACE_ID);
    for (int i = 1; i <= 1000; i++) {
      shared.remember(Context.root(), TRACE_ID, spanId(i), SpanKind.CLIENT);
    }
    AtomicInteger admitted = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> replays = new ArrayList<>();
      for (int thread = 0; thread < 8; thread++) {
        replays.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 1; i <= 1000; i++) {
                    if (shared.admitCallBack(
                        Context.root(), TRACE_ID, spanId(i), SpanKind.SERVER)) {
                      admitted.incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> replay : replays) {
        replay.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(admitted).hasValue(50);
  }

  @Test
  void ignoresWhatIsNotAnId() {
    for (String invalid :
        new String[] {null, "", "4BF92F3577B34DA6A3CE929D0E0E4736", TRACE_ID + "0", "xyz"}) {
      this.calls.openTrace(Context.root(), invalid);
      this.calls.remember(Context.root(), invalid, PARENT_ID, SpanKind.CLIENT);
      assertThat(this.calls.isCallBack(invalid, PARENT_ID)).isFalse();
      assertThat(this.calls.admitCallBack(Context.root(), invalid, PARENT_ID, SpanKind.SERVER))
          .isFalse();
    }
    this.calls.openTrace(Context.root(), TRACE_ID);
    this.calls.remember(Context.root(), TRACE_ID, "00F067AA0BA902B7", SpanKind.CLIENT);
    assertThat(this.calls.isCallBack(TRACE_ID, "00F067AA0BA902B7")).isFalse();
  }

  @Test
  void keepsExactlyItsCapacityOfTheNewestCallsFirstInFirstOut() {
    OutgoingSpans small = OutgoingSpans.create(16, Duration.ofMinutes(1), 1, this.now::get);
    small.openTrace(Context.root(), TRACE_ID);
    for (int i = 1; i <= 100; i++) {
      small.remember(Context.root(), TRACE_ID, spanId(i), SpanKind.CLIENT);
    }
    for (int i = 1; i <= 100; i++) {
      // Whatever the ids, the last 16 calls stay and every older one is gone.
      assertThat(small.isCallBack(TRACE_ID, spanId(i))).as("call %d", i).isEqualTo(i > 84);
    }
  }

  @Test
  void keepsACallUntilCapacityLaterCallsOfOtherTracesWereMade() {
    OutgoingSpans small = OutgoingSpans.create(16, Duration.ofMinutes(1), 1, this.now::get);
    small.openTrace(Context.root(), TRACE_ID);
    small.remember(Context.root(), TRACE_ID, PARENT_ID, SpanKind.CLIENT);
    // Churn: other traces admitted and calling out. Traces and calls each keep 16.
    for (int i = 1; i <= 7; i++) {
      String trace = String.format("%032x", i);
      small.openTrace(Context.root(), trace);
      small.remember(Context.root(), trace, spanId(i), SpanKind.CLIENT);
      small.remember(Context.root(), trace, spanId(i + 100), SpanKind.CLIENT);
    }
    assertThat(small.isCallBack(TRACE_ID, PARENT_ID)).isTrue();
    small.openTrace(Context.root(), OTHER_TRACE);
    small.remember(Context.root(), OTHER_TRACE, spanId(1000), SpanKind.CLIENT);
    small.remember(Context.root(), OTHER_TRACE, spanId(1001), SpanKind.CLIENT);
    assertThat(small.isCallBack(TRACE_ID, PARENT_ID)).isFalse();
  }

  @Test
  void learnsTheCallsThatCanComeBackFromTheSpansItIsGiven() {
    OutgoingSpans learned = OutgoingSpans.create(64, Duration.ofMinutes(1), 8);
    try (SdkTracerProvider provider =
        SdkTracerProvider.builder().addSpanProcessor(learned.spanProcessor()).build()) {
      Tracer tracer = provider.get("test");
      Span server = tracer.spanBuilder("GET").setSpanKind(SpanKind.SERVER).startSpan();
      String traceId = server.getSpanContext().getTraceId();
      learned.openTrace(Context.root(), traceId);
      try (Scope ignored = server.makeCurrent()) {
        Span http = client(tracer, "http.request.method", "GET");
        Span legacyHttp = client(tracer, "http.method", "GET");
        Span grpc = client(tracer, "rpc.system", "grpc");
        Span jdbc = client(tracer, "db.system.name", "postgresql");
        Span receive = client(tracer, "messaging.system", "kafka");
        Span bare = tracer.spanBuilder("call").setSpanKind(SpanKind.CLIENT).startSpan();
        Span producer = tracer.spanBuilder("send").setSpanKind(SpanKind.PRODUCER).startSpan();
        Span internal = tracer.spanBuilder("work").startSpan();
        for (Span callBack : List.of(http, legacyHttp, grpc, producer)) {
          assertThat(learned.isCallBack(traceId, callBack.getSpanContext().getSpanId())).isTrue();
        }
        for (Span notACall : List.of(jdbc, receive, bare, internal, server)) {
          assertThat(learned.isCallBack(traceId, notACall.getSpanContext().getSpanId())).isFalse();
        }
      } finally {
        server.end();
      }
    }
  }

  @Test
  void roundsTheCapacityUpToAPowerOfTwo() {
    assertThat(OutgoingSpans.create(1, Duration.ofSeconds(1), 1).getCapacity()).isEqualTo(1);
    assertThat(OutgoingSpans.create(100, Duration.ofSeconds(1), 1).getCapacity()).isEqualTo(128);
    assertThat(OutgoingSpans.create(4096, Duration.ofSeconds(1), 1).getCapacity()).isEqualTo(4096);
  }

  @Test
  void rejectsBoundsItCannotHonour() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> OutgoingSpans.create(0, Duration.ofSeconds(1), 1));
    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> OutgoingSpans.create(OutgoingSpans.MAX_CAPACITY + 1, Duration.ofSeconds(1), 1));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> OutgoingSpans.create(16, Duration.ZERO, 1));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> OutgoingSpans.create(16, Duration.ofDays(2), 1));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> OutgoingSpans.create(16, Duration.ofSeconds(1), -1));
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                OutgoingSpans.create(
                    16, Duration.ofSeconds(1), OutgoingSpans.MAX_CALL_BACKS_PER_TRACE + 1));
  }

  private static Span client(Tracer tracer, String attribute, String value) {
    return tracer
        .spanBuilder("call")
        .setSpanKind(SpanKind.CLIENT)
        .setAttribute(attribute, value)
        .startSpan();
  }

  private static String spanId(int n) {
    return String.format("%016x", (long) n * 0x9E3779B97F4A7C15L & Long.MAX_VALUE);
  }
}
