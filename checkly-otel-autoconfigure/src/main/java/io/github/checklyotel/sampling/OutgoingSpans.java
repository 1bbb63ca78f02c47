package io.github.checklyotel.sampling;

import io.github.checklyotel.propagation.internal.ChecklyContext;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.LongSupplier;

/**
 * Remembers, for a while, the calls this instance makes out of the Checkly traces it records, so
 * that a request or message coming back in under one of them (a service calling itself, an
 * asynchronous hop through a broker) continues its trace: without a second token from the {@link
 * ChecklyTraceLimiter}, and in strict mode without the origin secret, which the instance's own
 * calls do not carry.
 *
 * <p>Whoever sees a call's {@code traceparent} (a third-party API this service calls, a webhook
 * receiver) can replay it, so what a call lets in is bounded three ways:
 *
 * <ul>
 *   <li>each call lets in one request, once, within the {@linkplain #getWindow() window};
 *   <li>each admitted trace (one that took a token, or carried the secret) may let in at most
 *       {@linkplain #getCallBacksPerTrace() call-backs-per-trace} requests in all, counted across
 *       chains of call-backs, since a call-back's own calls share its trace's allowance;
 *   <li>a call comes back only the way it left: an HTTP or RPC call (a client span) as a request (a
 *       server span), a message (a producer span) as a delivery (a consumer span).
 * </ul>
 *
 * <p>Only calls that can come back are remembered: client spans of HTTP and RPC calls and spans
 * that send messages, not database calls. It learns them through {@link #spanProcessor()}:
 * OpenTelemetry hands that processor every span it records, and only Checkly traces are recorded
 * under the {@link ChecklySampler}. Calls and traces are each kept {@linkplain #getCapacity()
 * capacity} deep, first in, first out: a call stays remembered until that many later calls were
 * made, whatever their ids.
 */
public final class OutgoingSpans {

  /** The most calls (and traces) a memory may hold. */
  public static final int MAX_CAPACITY = 1 << 20;

  /** The longest a call may be remembered. */
  public static final Duration MAX_WINDOW = Duration.ofDays(1);

  /** The most requests one admitted trace may let back in. */
  public static final int MAX_CALL_BACKS_PER_TRACE = 100_000;

  private static final AttributeKey<String> HTTP_REQUEST_METHOD =
      AttributeKey.stringKey("http.request.method");

  /** The attribute older HTTP semantic conventions used, which some instrumentation still sets. */
  private static final AttributeKey<String> HTTP_METHOD = AttributeKey.stringKey("http.method");

  private static final AttributeKey<String> RPC_SYSTEM = AttributeKey.stringKey("rpc.system");

  private final RecentEntries<CallId, Call> calls;

  private final RecentEntries<CallId, Allowance> traces;

  private final long windowNanos;

  private final Duration window;

  private final int callBacksPerTrace;

  private final LongSupplier nanoClock;

  private final SpanProcessor spanProcessor = new CallRecorder();

  private OutgoingSpans(
      int capacity, Duration window, int callBacksPerTrace, LongSupplier nanoClock) {
    if (capacity < 1 || capacity > MAX_CAPACITY) {
      throw new IllegalArgumentException(
          "capacity must be between 1 and " + MAX_CAPACITY + ", was " + capacity);
    }
    if (window.isNegative() || window.isZero() || window.compareTo(MAX_WINDOW) > 0) {
      throw new IllegalArgumentException(
          "window must be positive and at most one day, was " + window);
    }
    if (callBacksPerTrace < 0 || callBacksPerTrace > MAX_CALL_BACKS_PER_TRACE) {
      throw new IllegalArgumentException(
          "callBacksPerTrace must be between 0 and "
              + MAX_CALL_BACKS_PER_TRACE
              + ", was "
              + callBacksPerTrace);
    }
    this.calls = new RecentEntries<>(capacity, Call::id);
    this.traces = new RecentEntries<>(capacity, Allowance::trace);
    this.window = window;
    this.windowNanos = window.toNanos();
    this.callBacksPerTrace = callBacksPerTrace;
    this.nanoClock = nanoClock;
  }

  /**
   * Remembers about {@code capacity} calls (rounded up to a power of two) for {@code window}, and
   * lets at most {@code callBacksPerTrace} requests back into each admitted trace.
   */
  public static OutgoingSpans create(int capacity, Duration window, int callBacksPerTrace) {
    return new OutgoingSpans(capacity, window, callBacksPerTrace, System::nanoTime);
  }

  static OutgoingSpans create(
      int capacity, Duration window, int callBacksPerTrace, LongSupplier nanoClock) {
    return new OutgoingSpans(capacity, window, callBacksPerTrace, nanoClock);
  }

  /**
   * The span processor that tells this memory about the calls: register it with the tracer
   * provider. Not a bean of its own, so that no other tracer provider picks it up.
   */
  public SpanProcessor spanProcessor() {
    return this.spanProcessor;
  }

  /**
   * Gives the trace {@code traceId}, just admitted for the request {@code context} belongs to, a
   * fresh allowance of call-backs. Where a boundary judged the request, the allowance is kept in
   * its decision, where the request's own calls find it through their parent context, and is
   * remembered by trace id only once the trace makes a call: most traces never do, and pay for no
   * shared memory. Elsewhere (a message consumed) it is remembered by trace id at once.
   */
  void openTrace(Context context, String traceId) {
    if (this.callBacksPerTrace > 0 && isHex(traceId, 32)) {
      Allowance allowance =
          new Allowance(new CallId(hex(traceId, 0), hex(traceId, 16), 0), this.callBacksPerTrace);
      if (!ChecklyContext.keepAdmission(context, allowance)) {
        allowance.markRemembered();
        this.traces.put(allowance);
      }
    }
  }

  /**
   * Remembers the call {@code spanId} of the open trace {@code traceId}, made as a span of {@code
   * kind} under {@code parentContext}: the trace's allowance is the one its request's decision
   * keeps, if the call was made in that request's context, or else the one remembered by trace id.
   */
  void remember(Context parentContext, String traceId, String spanId, SpanKind kind) {
    if ((kind != SpanKind.CLIENT && kind != SpanKind.PRODUCER)
        || !isHex(traceId, 32)
        || !isHex(spanId, 16)) {
      return;
    }
    long high = hex(traceId, 0);
    long low = hex(traceId, 16);
    Allowance allowance = ChecklyContext.admission(parentContext, Allowance.class);
    if (allowance != null && allowance.isOf(high, low)) {
      if (allowance.markRemembered()) {
        // From its first call on, a trace is found by id too: by a later call whose context lost
        // the request's decision (a parent context built afresh), or made after the request ended.
        this.traces.putIfAbsent(allowance);
      }
    } else {
      allowance = this.traces.get(new CallId(high, low, 0));
    }
    if (allowance == null || !allowance.hasLeft()) {
      return;
    }
    this.calls.put(
        new Call(
            new CallId(high, low, hex(spanId, 0)),
            kind,
            this.nanoClock.getAsLong() + this.windowNanos,
            allowance));
  }

  /**
   * Whether a request whose parent is {@code parentSpanId} of trace {@code traceId} comes back from
   * a call this instance made, remembered, not yet used, in a trace with allowance left.
   */
  public boolean isCallBack(String traceId, String parentSpanId) {
    if (this.calls.isEmpty() || !isHex(traceId, 32) || !isHex(parentSpanId, 16)) {
      return false;
    }
    Call call = this.calls.get(new CallId(hex(traceId, 0), hex(traceId, 16), hex(parentSpanId, 0)));
    return call != null && isLive(call) && call.allowance().hasLeft();
  }

  /**
   * Lets one request, the one {@code context} belongs to, in under a remembered call, as a span of
   * {@code entryKind}: true, the call forgotten and the trace's allowance taken from, if the call
   * is live, left the way this request comes back, and its trace has allowance left. Of concurrent
   * requests under the same call, only one gets in. Its own calls then draw on the same allowance,
   * kept in its decision or else remembered by trace id.
   */
  boolean admitCallBack(Context context, String traceId, String parentSpanId, SpanKind entryKind) {
    if (this.calls.isEmpty() || !isHex(traceId, 32) || !isHex(parentSpanId, 16)) {
      return false;
    }
    long high = hex(traceId, 0);
    long low = hex(traceId, 16);
    CallId id = new CallId(high, low, hex(parentSpanId, 0));
    Call call = this.calls.get(id);
    if (call == null
        || !isLive(call)
        || !call.comesBackAs(entryKind)
        || !this.calls.remove(id, call)
        || !call.allowance().tryTake()) {
      return false;
    }
    if (!ChecklyContext.keepAdmission(context, call.allowance())) {
      // The call-back's own calls draw on the same allowance, even if the trace was forgotten
      // since.
      this.traces.putIfAbsent(call.allowance());
    }
    return true;
  }

  /** Forgets every call and trace. */
  public void clear() {
    this.calls.clear();
    this.traces.clear();
  }

  /** How long a call is remembered. */
  public Duration getWindow() {
    return this.window;
  }

  /** How many calls, and how many traces, it remembers at most. */
  public int getCapacity() {
    return this.calls.capacity();
  }

  /** How many requests one admitted trace may let back in, in all. */
  public int getCallBacksPerTrace() {
    return this.callBacksPerTrace;
  }

  private boolean isLive(Call call) {
    return call.expiresAt() - this.nanoClock.getAsLong() > 0;
  }

  /**
   * Whether {@code span}, just started, is a call that can come back into this or any service: an
   * HTTP or RPC client span (not a database's, nor a message receive), or a message sent.
   */
  static boolean canComeBack(ReadableSpan span) {
    return switch (span.getKind()) {
      case CLIENT ->
          span.getAttribute(HTTP_REQUEST_METHOD) != null
              || span.getAttribute(HTTP_METHOD) != null
              || span.getAttribute(RPC_SYSTEM) != null;
      case PRODUCER -> true;
      default -> false;
    };
  }

  /** Remembers the recorded calls that can come back: the calls this instance makes. */
  private final class CallRecorder implements SpanProcessor {

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
      if (canComeBack(span)) {
        SpanContext call = span.getSpanContext();
        remember(parentContext, call.getTraceId(), call.getSpanId(), span.getKind());
      }
    }

    @Override
    public boolean isStartRequired() {
      return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {}

    @Override
    public boolean isEndRequired() {
      return false;
    }

    @Override
    public CompletableResultCode shutdown() {
      clear();
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public String toString() {
      return "CallRecorder{" + OutgoingSpans.this + "}";
    }
  }

  /** Whether {@code id} is {@code length} lowercase hex digits. */
  private static boolean isHex(String id, int length) {
    if (id == null || id.length() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char c = id.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  private static long hex(String id, int from) {
    long value = 0;
    for (int i = from; i < from + 16; i++) {
      char c = id.charAt(i);
      value = (value << 4) | (c <= '9' ? c - '0' : c - 'a' + 10);
    }
    return value;
  }

  @Override
  public String toString() {
    return "OutgoingSpans{capacity="
        + getCapacity()
        + ", window="
        + this.window
        + ", callBacksPerTrace="
        + this.callBacksPerTrace
        + "}";
  }

  /** A call's trace id and span id; a trace's has span id 0, which no call has. */
  private record CallId(long high, long low, long span) {}

  /**
   * A remembered call: its id, how it left, until when it may come back, and its trace's allowance.
   */
  private record Call(CallId id, SpanKind kind, long expiresAt, Allowance allowance) {

    /** A request comes back as a server span, a message as a consumer span. */
    boolean comesBackAs(SpanKind entryKind) {
      return (this.kind == SpanKind.CLIENT && entryKind == SpanKind.SERVER)
          || (this.kind == SpanKind.PRODUCER && entryKind == SpanKind.CONSUMER);
    }
  }

  /**
   * How many more requests may come back into one admitted trace, the one {@code trace} names, and
   * whether the trace is remembered by id yet.
   */
  private static final class Allowance {

    private static final AtomicIntegerFieldUpdater<Allowance> LEFT =
        AtomicIntegerFieldUpdater.newUpdater(Allowance.class, "left");

    private static final AtomicIntegerFieldUpdater<Allowance> REMEMBERED =
        AtomicIntegerFieldUpdater.newUpdater(Allowance.class, "remembered");

    private final CallId trace;

    private volatile int left;

    private volatile int remembered;

    Allowance(CallId trace, int callBacks) {
      this.trace = trace;
      this.left = callBacks;
    }

    CallId trace() {
      return this.trace;
    }

    boolean isOf(long high, long low) {
      return this.trace.high() == high && this.trace.low() == low;
    }

    boolean hasLeft() {
      return this.left > 0;
    }

    /** Takes one call-back if any is left: never below zero, whatever the concurrency. */
    boolean tryTake() {
      while (true) {
        int current = this.left;
        if (current <= 0) {
          return false;
        }
        if (LEFT.compareAndSet(this, current, current - 1)) {
          return true;
        }
      }
    }

    /** Marks it remembered by trace id: true for the one caller that marks it first. */
    boolean markRemembered() {
      return this.remembered == 0 && REMEMBERED.compareAndSet(this, 0, 1);
    }
  }
}
