package io.github.checklyotel.sampling;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Caps how many Checkly traces this instance starts per second, as a token bucket.
 *
 * <p>Anyone can send {@code tracestate: checkly=true}: on a public API the header would otherwise
 * be a lever for running up the trace bill and the CPU spent on tracing. Only the start of a trace
 * in this service takes a token; spans under an admitted trace are never refused, so traces stay
 * whole.
 *
 * <p>Implemented as the generic cell rate algorithm: one atomic "theoretical arrival time" instead
 * of a token count and a refill timestamp, so that acquiring is a single compare-and-set and
 * allocates nothing.
 */
public final class ChecklyTraceLimiter {

  /**
   * The JDK's logger, which Spring Boot routes to the application's logging system and the Java
   * agent to its own log.
   */
  private static final Logger logger = Logger.getLogger(ChecklyTraceLimiter.class.getName());

  /**
   * The longest a full bucket may take to refill ({@code burst / tracesPerSecond}). A bound well
   * inside {@code long} nanoseconds, so that the arithmetic on the clock cannot overflow.
   */
  public static final Duration MAX_REFILL = Duration.ofDays(365);

  private static final long WARNING_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final double tracesPerSecond;

  private final int burst;

  private final long nanosPerTrace;

  private final long burstNanos;

  private final LongSupplier nanoClock;

  private final AtomicLong theoreticalArrival;

  private final LongAdder refused = new LongAdder();

  /** When the next warning about refusals may be logged: at most one a minute. */
  private final AtomicLong nextWarning;

  private ChecklyTraceLimiter(double tracesPerSecond, int burst, LongSupplier nanoClock) {
    if (!(tracesPerSecond > 0) || Double.isInfinite(tracesPerSecond)) {
      throw new IllegalArgumentException(
          "tracesPerSecond must be positive, was " + tracesPerSecond);
    }
    if (burst < 1) {
      throw new IllegalArgumentException("burst must be at least 1, was " + burst);
    }
    if (!isWithinRefillBound(tracesPerSecond, burst)) {
      throw new IllegalArgumentException(
          "burst / tracesPerSecond must be at most "
              + MAX_REFILL.toSeconds()
              + " seconds, was "
              + (burst / tracesPerSecond));
    }
    this.tracesPerSecond = tracesPerSecond;
    this.burst = burst;
    this.nanosPerTrace = Math.max(1, Math.round(TimeUnit.SECONDS.toNanos(1) / tracesPerSecond));
    this.burstNanos = this.nanosPerTrace * burst;
    this.nanoClock = nanoClock;
    this.theoreticalArrival = new AtomicLong(nanoClock.getAsLong() - this.burstNanos);
    this.nextWarning = new AtomicLong(nanoClock.getAsLong());
  }

  /**
   * Creates a limiter admitting {@code tracesPerSecond} on average and up to {@code burst} at once.
   */
  public static ChecklyTraceLimiter create(double tracesPerSecond, int burst) {
    return new ChecklyTraceLimiter(tracesPerSecond, burst, System::nanoTime);
  }

  static ChecklyTraceLimiter create(double tracesPerSecond, int burst, LongSupplier nanoClock) {
    return new ChecklyTraceLimiter(tracesPerSecond, burst, nanoClock);
  }

  /**
   * Whether a bucket of {@code burst} traces refilled at {@code tracesPerSecond} refills within
   * {@link #MAX_REFILL}.
   */
  public static boolean isWithinRefillBound(double tracesPerSecond, int burst) {
    return burst / tracesPerSecond <= MAX_REFILL.toSeconds();
  }

  /** The lowest rate at which a bucket of {@code burst} traces refills within the bound. */
  public static double minimumTracesPerSecond(int burst) {
    return (double) burst / MAX_REFILL.toSeconds();
  }

  /** Takes a token if one is left, and counts a refusal otherwise. */
  public boolean tryAcquire() {
    long now = this.nanoClock.getAsLong();
    while (true) {
      long arrival = this.theoreticalArrival.get();
      // Differences rather than comparisons, so that a clock that wraps around cannot break it.
      long floor = now - this.burstNanos;
      long next = ((arrival - floor > 0) ? arrival : floor) + this.nanosPerTrace;
      if (next - now > 0) {
        this.refused.increment();
        warnAtMostOnceAMinute(now);
        return false;
      }
      if (this.theoreticalArrival.compareAndSet(arrival, next)) {
        return true;
      }
    }
  }

  private void warnAtMostOnceAMinute(long now) {
    long due = this.nextWarning.get();
    if (now - due >= 0 && this.nextWarning.compareAndSet(due, now + WARNING_INTERVAL_NANOS)) {
      logger.log(
          Level.WARNING,
          "Refused to start a Checkly trace: more than "
              + this.tracesPerSecond
              + " a second (burst "
              + this.burst
              + ") arrived with tracestate checkly=true; "
              + getRefusedCount()
              + " refused so far. Anyone can send that header: raise checkly.rate-limit.* if"
              + " your checks need more, or see checkly.origin.* to require a shared secret.");
    }
  }

  /** How many traces were refused since this limiter was created. */
  public long getRefusedCount() {
    return this.refused.sum();
  }

  public double getTracesPerSecond() {
    return this.tracesPerSecond;
  }

  public int getBurst() {
    return this.burst;
  }

  @Override
  public String toString() {
    return "ChecklyTraceLimiter{tracesPerSecond="
        + this.tracesPerSecond
        + ", burst="
        + this.burst
        + "}";
  }
}
