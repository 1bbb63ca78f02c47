package io.github.checklyotel.sampling;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.LongSupplier;

/**
 * Remembers, for a while, the calls this instance makes out of the Checkly traces it records (the
 * ids of their client and producer spans), so that a call coming back in under one of them, a
 * service calling itself or an asynchronous hop, continues its trace: without a second token from
 * the {@link ChecklyTraceLimiter}, and in strict mode without the origin secret, which the
 * instance's own calls do not carry.
 *
 * <p>Each remembered call lets in one request, once, within the {@linkplain #getWindow() window}:
 * someone who sees the {@code traceparent} of a call (a third-party API this service calls) can
 * replay it at most once, never open a trace up to unlimited requests. The memory is a fixed table
 * of {@linkplain #getCapacity() capacity} entries, looked up without locks or allocation; a new
 * entry evicts, among the few slots it may take, the one closest to expiry.
 *
 * <p>It learns the calls through {@link #spanProcessor()}: OpenTelemetry hands that processor every
 * span it records, and only Checkly traces are recorded under the {@link ChecklySampler}.
 */
public final class OutgoingSpans {

  /** The most calls a table may hold. */
  public static final int MAX_CAPACITY = 1 << 24;

  /** The longest a call may be remembered. */
  public static final Duration MAX_WINDOW = Duration.ofDays(1);

  /** How many neighbouring slots a call may occupy: a small set-associative cache. */
  private static final int WAYS = 4;

  private final AtomicReferenceArray<Entry> slots;

  private final int mask;

  /** Keeps callers from choosing ids that all land in one slot. */
  private final long seed = new SecureRandom().nextLong();

  private final long windowNanos;

  private final Duration window;

  private final LongSupplier nanoClock;

  private final SpanProcessor spanProcessor = new CallRecorder();

  private OutgoingSpans(int capacity, Duration window, LongSupplier nanoClock) {
    if (capacity < 1 || capacity > MAX_CAPACITY) {
      throw new IllegalArgumentException(
          "capacity must be between 1 and " + MAX_CAPACITY + ", was " + capacity);
    }
    if (window.isNegative() || window.isZero() || window.compareTo(MAX_WINDOW) > 0) {
      throw new IllegalArgumentException(
          "window must be positive and at most one day, was " + window);
    }
    int size = Math.max(WAYS, Integer.highestOneBit(capacity - 1) << 1);
    this.slots = new AtomicReferenceArray<>(size);
    this.mask = size - 1;
    this.window = window;
    this.windowNanos = window.toNanos();
    this.nanoClock = nanoClock;
  }

  /** Remembers about {@code capacity} calls (rounded up to a power of two) for {@code window}. */
  public static OutgoingSpans create(int capacity, Duration window) {
    return new OutgoingSpans(capacity, window, System::nanoTime);
  }

  static OutgoingSpans create(int capacity, Duration window, LongSupplier nanoClock) {
    return new OutgoingSpans(capacity, window, nanoClock);
  }

  /**
   * The span processor that tells this memory about the calls: register it with the tracer
   * provider. Not a bean of its own, so that no other tracer provider picks it up.
   */
  public SpanProcessor spanProcessor() {
    return this.spanProcessor;
  }

  /** Remembers the recorded client and producer spans: the calls this instance makes. */
  private final class CallRecorder implements SpanProcessor {

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
      SpanKind kind = span.getKind();
      if (kind == SpanKind.CLIENT || kind == SpanKind.PRODUCER) {
        SpanContext call = span.getSpanContext();
        remember(call.getTraceId(), call.getSpanId());
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
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public String toString() {
      return "CallRecorder{" + OutgoingSpans.this + "}";
    }
  }

  /** Remembers the call {@code spanId} of trace {@code traceId}; invalid ids are ignored. */
  public void remember(String traceId, String spanId) {
    if (!isHex(traceId, 32) || !isHex(spanId, 16)) {
      return;
    }
    long high = hex(traceId, 0);
    long low = hex(traceId, 16);
    long span = hex(spanId, 0);
    long now = this.nanoClock.getAsLong();
    Entry entry = new Entry(high, low, span, now + this.windowNanos);
    int first = index(high, low, span);
    while (true) {
      int victim = first;
      Entry replaced = this.slots.get(victim);
      long soonest = Long.MAX_VALUE;
      for (int way = 0; way < WAYS; way++) {
        int slot = (first + way) & this.mask;
        Entry current = this.slots.get(slot);
        if (current == null || current.expiresAt - now <= 0) {
          victim = slot;
          replaced = current;
          break;
        }
        if (current.expiresAt - now < soonest) {
          soonest = current.expiresAt - now;
          victim = slot;
          replaced = current;
        }
      }
      if (this.slots.compareAndSet(victim, replaced, entry)) {
        return;
      }
    }
  }

  /**
   * Whether a request whose parent is {@code parentSpanId} of trace {@code traceId} comes back from
   * a call this instance made, remembered and not yet used.
   */
  public boolean isCallBack(String traceId, String parentSpanId) {
    return isHex(traceId, 32)
        && isHex(parentSpanId, 16)
        && find(hex(traceId, 0), hex(traceId, 16), hex(parentSpanId, 0)) >= 0;
  }

  /**
   * Lets one request in under a remembered call: true, and the call forgotten, if it is one.
   * Concurrent requests under the same call: only one gets in.
   */
  public boolean admitCallBack(String traceId, String parentSpanId) {
    if (!isHex(traceId, 32) || !isHex(parentSpanId, 16)) {
      return false;
    }
    long high = hex(traceId, 0);
    long low = hex(traceId, 16);
    long span = hex(parentSpanId, 0);
    for (int slot = find(high, low, span); slot >= 0; slot = find(high, low, span)) {
      Entry entry = this.slots.get(slot);
      if (entry != null
          && entry.is(high, low, span)
          && this.slots.compareAndSet(slot, entry, null)) {
        return true;
      }
    }
    return false;
  }

  /** Where the live entry for a call is, or -1. */
  private int find(long high, long low, long span) {
    long now = this.nanoClock.getAsLong();
    int first = index(high, low, span);
    for (int way = 0; way < WAYS; way++) {
      int slot = (first + way) & this.mask;
      Entry entry = this.slots.get(slot);
      if (entry != null && entry.is(high, low, span) && entry.expiresAt - now > 0) {
        return slot;
      }
    }
    return -1;
  }

  /** How long a call is remembered. */
  public Duration getWindow() {
    return this.window;
  }

  /** How many calls the table holds at most. */
  public int getCapacity() {
    return this.slots.length();
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

  private int index(long high, long low, long span) {
    long mixed = (high ^ Long.rotateLeft(low, 21) ^ Long.rotateLeft(span, 42) ^ this.seed);
    mixed = (mixed ^ (mixed >>> 33)) * 0xff51afd7ed558ccdL;
    mixed = (mixed ^ (mixed >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return (int) (mixed ^ (mixed >>> 33)) & this.mask;
  }

  @Override
  public String toString() {
    return "OutgoingSpans{capacity=" + getCapacity() + ", window=" + this.window + "}";
  }

  private record Entry(long high, long low, long span, long expiresAt) {

    boolean is(long high, long low, long span) {
      return this.high == high && this.low == low && this.span == span;
    }
  }
}
