package io.github.checklyotel.sampling;

import static io.github.checklyotel.TestTraceIds.PARENT_ID;
import static io.github.checklyotel.TestTraceIds.TRACE_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OutgoingSpansTest {

  private final AtomicLong now = new AtomicLong(-5_000_000_000L);

  private final OutgoingSpans calls =
      OutgoingSpans.create(64, Duration.ofSeconds(10), this.now::get);

  @Test
  void letsOneRequestBackInUnderACallWithinTheWindow() {
    assertThat(this.calls.isCallBack(TRACE_ID, PARENT_ID)).isFalse();
    this.calls.remember(TRACE_ID, PARENT_ID);
    assertThat(this.calls.isCallBack(TRACE_ID, PARENT_ID)).isTrue();
    assertThat(this.calls.admitCallBack(TRACE_ID, PARENT_ID)).isTrue();
    // Once: a replay of the same call gets nothing.
    assertThat(this.calls.isCallBack(TRACE_ID, PARENT_ID)).isFalse();
    assertThat(this.calls.admitCallBack(TRACE_ID, PARENT_ID)).isFalse();
  }

  @Test
  void forgetsACallAfterTheWindow() {
    this.calls.remember(TRACE_ID, PARENT_ID);
    this.now.addAndGet(Duration.ofSeconds(10).toNanos() - 1);
    assertThat(this.calls.isCallBack(TRACE_ID, PARENT_ID)).isTrue();
    this.now.addAndGet(1);
    assertThat(this.calls.admitCallBack(TRACE_ID, PARENT_ID)).isFalse();
  }

  @Test
  void knowsTheCallNotJustTheTrace() {
    this.calls.remember(TRACE_ID, PARENT_ID);
    assertThat(this.calls.isCallBack(TRACE_ID, "00f067aa0ba902b8")).isFalse();
    assertThat(this.calls.isCallBack("4bf92f3577b34da6a3ce929d0e0e4737", PARENT_ID)).isFalse();
  }

  @Test
  void ignoresWhatIsNotAnId() {
    for (String invalid :
        new String[] {null, "", "4BF92F3577B34DA6A3CE929D0E0E4736", TRACE_ID + "0", "xyz"}) {
      this.calls.remember(invalid, PARENT_ID);
      assertThat(this.calls.isCallBack(invalid, PARENT_ID)).isFalse();
      assertThat(this.calls.admitCallBack(invalid, PARENT_ID)).isFalse();
    }
    this.calls.remember(TRACE_ID, "00F067AA0BA902B7");
    assertThat(this.calls.isCallBack(TRACE_ID, "00F067AA0BA902B7")).isFalse();
  }

  @Test
  void staysWithinItsCapacityAndKeepsTheNewest() {
    OutgoingSpans small = OutgoingSpans.create(4, Duration.ofMinutes(1), this.now::get);
    assertThat(small.getCapacity()).isEqualTo(4);
    for (int i = 1; i <= 100; i++) {
      small.remember(TRACE_ID, spanId(i));
      this.now.addAndGet(1);
    }
    int remembered = 0;
    for (int i = 1; i <= 100; i++) {
      remembered += small.isCallBack(TRACE_ID, spanId(i)) ? 1 : 0;
    }
    assertThat(remembered).isBetween(1, 4);
    assertThat(small.isCallBack(TRACE_ID, spanId(100))).isTrue();
  }

  @Test
  void learnsTheCallsFromTheClientAndProducerSpansItIsGiven() {
    OutgoingSpans learned = OutgoingSpans.create(64, Duration.ofMinutes(1));
    try (SdkTracerProvider provider =
        SdkTracerProvider.builder().addSpanProcessor(learned.spanProcessor()).build()) {
      Tracer tracer = provider.get("test");
      Span server = tracer.spanBuilder("GET").setSpanKind(SpanKind.SERVER).startSpan();
      try (Scope ignored = server.makeCurrent()) {
        Span client = tracer.spanBuilder("GET").setSpanKind(SpanKind.CLIENT).startSpan();
        Span producer = tracer.spanBuilder("send").setSpanKind(SpanKind.PRODUCER).startSpan();
        Span internal = tracer.spanBuilder("work").startSpan();
        String traceId = server.getSpanContext().getTraceId();
        assertThat(learned.isCallBack(traceId, client.getSpanContext().getSpanId())).isTrue();
        assertThat(learned.isCallBack(traceId, producer.getSpanContext().getSpanId())).isTrue();
        assertThat(learned.isCallBack(traceId, internal.getSpanContext().getSpanId())).isFalse();
        assertThat(learned.isCallBack(traceId, server.getSpanContext().getSpanId())).isFalse();
        client.end();
        producer.end();
        internal.end();
      } finally {
        server.end();
      }
    }
  }

  @Test
  void roundsTheCapacityUpToAPowerOfTwo() {
    assertThat(OutgoingSpans.create(1, Duration.ofSeconds(1)).getCapacity()).isEqualTo(4);
    assertThat(OutgoingSpans.create(100, Duration.ofSeconds(1)).getCapacity()).isEqualTo(128);
    assertThat(OutgoingSpans.create(4096, Duration.ofSeconds(1)).getCapacity()).isEqualTo(4096);
  }

  @Test
  void rejectsBoundsItCannotHonour() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> OutgoingSpans.create(0, Duration.ofSeconds(1)));
    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> OutgoingSpans.create(OutgoingSpans.MAX_CAPACITY + 1, Duration.ofSeconds(1)));
    assertThatIllegalArgumentException().isThrownBy(() -> OutgoingSpans.create(16, Duration.ZERO));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> OutgoingSpans.create(16, Duration.ofDays(2)));
  }

  private static String spanId(int n) {
    return String.format("%016x", (long) n * 0x9E3779B97F4A7C15L & Long.MAX_VALUE);
  }
}
