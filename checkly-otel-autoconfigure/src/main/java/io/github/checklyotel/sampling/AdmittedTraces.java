package io.github.checklyotel.sampling;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Remembers, for a while, the Checkly traces this instance admitted, so that a trace re-entering
 * the instance (a service calling itself, an asynchronous hop) is admitted again: without a second
 * token from the {@link ChecklyTraceLimiter}, and in strict mode without the origin secret, which
 * the instance's own outgoing calls do not carry.
 *
 * <p>A trace id is 128 random bits that only Checkly and the services on the trace's path know, so
 * knowing one admitted in the last {@linkplain #getWindow() window} is as good as taking part in
 * that trace. The memory is a fixed table of {@linkplain #getCapacity() capacity} entries, looked
 * up without locks or allocation; when it is full, the entry closest to expiry makes room.
 */
public final class AdmittedTraces {

  /** The most traces a table may hold. */
  public static final int MAX_CAPACITY = 1 << 24;

  /** The longest a trace may be remembered. */
  public static final Duration MAX_WINDOW = Duration.ofDays(1);

  /** How many neighbouring slots a trace id may occupy: a small set-associative cache. */
  private static final int WAYS = 4;

  private final AtomicReferenceArray<Entry> slots;

  private final int mask;

  private final long windowNanos;

  private final Duration window;

  private final LongSupplier nanoClock;

  private AdmittedTraces(int capacity, Duration window, LongSupplier nanoClock) {
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

  /** Remembers up to about {@code capacity} traces for {@code window} after their admission. */
  public static AdmittedTraces create(int capacity, Duration window) {
    return new AdmittedTraces(capacity, window, System::nanoTime);
  }

  static AdmittedTraces create(int capacity, Duration window, LongSupplier nanoClock) {
    return new AdmittedTraces(capacity, window, nanoClock);
  }

  /**
   * Whether the trace {@code traceId} (32 lowercase hex digits) was admitted within the window.
   * Anything that is not a valid trace id is not.
   */
  public boolean contains(CharSequence traceId) {
    return isTraceId(traceId) && contains(hex(traceId, 0), hex(traceId, 16));
  }

  /** Remembers {@code traceId} as admitted now; an invalid trace id is ignored. */
  public void add(CharSequence traceId) {
    if (isTraceId(traceId)) {
      add(hex(traceId, 0), hex(traceId, 16));
    }
  }

  /**
   * Admits {@code traceId}: true if it was admitted within the window, else if {@code admission}
   * admits it now, in which case it is remembered. The id is read once for both steps.
   */
  boolean admit(CharSequence traceId, BooleanSupplier admission) {
    if (!isTraceId(traceId)) {
      return admission.getAsBoolean();
    }
    long high = hex(traceId, 0);
    long low = hex(traceId, 16);
    if (contains(high, low)) {
      return true;
    }
    if (!admission.getAsBoolean()) {
      return false;
    }
    add(high, low);
    return true;
  }

  private boolean contains(long high, long low) {
    long now = this.nanoClock.getAsLong();
    int first = index(high, low);
    for (int way = 0; way < WAYS; way++) {
      Entry entry = this.slots.get((first + way) & this.mask);
      if (entry != null && entry.is(high, low) && entry.expiresAt - now > 0) {
        return true;
      }
    }
    return false;
  }

  private void add(long high, long low) {
    long now = this.nanoClock.getAsLong();
    int first = index(high, low);
    int victim = first & this.mask;
    long soonest = Long.MAX_VALUE;
    for (int way = 0; way < WAYS; way++) {
      int slot = (first + way) & this.mask;
      Entry entry = this.slots.get(slot);
      if (entry == null || entry.is(high, low) || entry.expiresAt - now <= 0) {
        victim = slot;
        break;
      }
      long left = entry.expiresAt - now;
      if (left < soonest) {
        soonest = left;
        victim = slot;
      }
    }
    this.slots.set(victim, new Entry(high, low, now + this.windowNanos));
  }

  /** How long after its admission a trace is admitted again. */
  public Duration getWindow() {
    return this.window;
  }

  /** How many traces the table holds at most. */
  public int getCapacity() {
    return this.slots.length();
  }

  /** Whether {@code id} is 32 lowercase hex digits, not all zero. */
  private static boolean isTraceId(CharSequence id) {
    if (id == null || id.length() != 32) {
      return false;
    }
    boolean zero = true;
    for (int i = 0; i < 32; i++) {
      char c = id.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
      zero &= c == '0';
    }
    return !zero;
  }

  private static long hex(CharSequence id, int from) {
    long value = 0;
    for (int i = from; i < from + 16; i++) {
      char c = id.charAt(i);
      value = (value << 4) | (c <= '9' ? c - '0' : c - 'a' + 10);
    }
    return value;
  }

  private int index(long high, long low) {
    // Trace ids are random, but a caller may choose them: mix all bits so none can aim at a slot
    // more easily than by chance.
    long mixed = (high ^ Long.rotateLeft(low, 29)) * 0x9E3779B97F4A7C15L;
    return (int) (mixed ^ (mixed >>> 32)) & this.mask;
  }

  @Override
  public String toString() {
    return "AdmittedTraces{capacity=" + getCapacity() + ", window=" + this.window + "}";
  }

  private record Entry(long high, long low, long expiresAt) {

    boolean is(long high, long low) {
      return this.high == high && this.low == low;
    }
  }
}
