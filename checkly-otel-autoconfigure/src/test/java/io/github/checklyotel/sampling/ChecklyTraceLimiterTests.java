package io.github.checklyotel.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class ChecklyTraceLimiterTests {

  private final AtomicLong now = new AtomicLong(1_000_000_000L);

  @Test
  void admitsTheBurstAtOnceThenRefuses() {
    ChecklyTraceLimiter limiter = ChecklyTraceLimiter.create(10, 3, this.now::get);
    assertThat(attempts(limiter, 5)).isEqualTo(3);
    assertThat(limiter.getRefusedCount()).isEqualTo(2);
  }

  @Test
  void refillsOneTracePerInterval() {
    ChecklyTraceLimiter limiter = ChecklyTraceLimiter.create(10, 1, this.now::get);
    assertThat(limiter.tryAcquire()).isTrue();
    advance(TimeUnit.MILLISECONDS.toNanos(99));
    assertThat(limiter.tryAcquire()).isFalse();
    advance(TimeUnit.MILLISECONDS.toNanos(1));
    assertThat(limiter.tryAcquire()).isTrue();
    assertThat(limiter.tryAcquire()).isFalse();
  }

  @Test
  void aQuietSpellRestoresTheBurstButNoMore() {
    ChecklyTraceLimiter limiter = ChecklyTraceLimiter.create(10, 4, this.now::get);
    attempts(limiter, 4);
    advance(TimeUnit.HOURS.toNanos(1));
    assertThat(attempts(limiter, 10)).isEqualTo(4);
  }

  @Test
  void admitsTheConfiguredRateOverTime() {
    ChecklyTraceLimiter limiter = ChecklyTraceLimiter.create(50, 100, this.now::get);
    long admitted = 0;
    // Ten simulated seconds of an attempt every millisecond: 20 times the allowed rate.
    for (int millisecond = 0; millisecond < 10_000; millisecond++) {
      admitted += limiter.tryAcquire() ? 1 : 0;
      advance(TimeUnit.MILLISECONDS.toNanos(1));
    }
    // The burst, then one every 20 ms; the one due at exactly 10 s falls after the last attempt.
    assertThat(admitted).isEqualTo(100 + 50 * 10 - 1);
    assertThat(limiter.getRefusedCount()).isEqualTo(10_000 - admitted);
  }

  @Test
  void concurrentCallersShareOneBucket() throws Exception {
    ChecklyTraceLimiter limiter = ChecklyTraceLimiter.create(1, 1000, this.now::get);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Integer>> callers = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        callers.add(() -> attempts(limiter, 10_000));
      }
      int admitted = 0;
      for (Future<Integer> result : pool.invokeAll(callers)) {
        admitted += result.get();
      }
      assertThat(admitted).isEqualTo(1000);
      assertThat(limiter.getRefusedCount()).isEqualTo(40_000 - 1000);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void warnsAboutRefusalsAtMostOnceAMinute(CapturedOutput output) {
    ChecklyTraceLimiter limiter = ChecklyTraceLimiter.create(1, 1, this.now::get);
    attempts(limiter, 100);
    advance(TimeUnit.SECONDS.toNanos(59));
    attempts(limiter, 100);
    assertThat(output.getAll().split("Refused to start a Checkly trace", -1)).hasSize(2);
    advance(TimeUnit.SECONDS.toNanos(2));
    attempts(limiter, 100);
    assertThat(output.getAll().split("Refused to start a Checkly trace", -1)).hasSize(3);
  }

  @Test
  void rejectsNonsense() {
    assertThatIllegalArgumentException().isThrownBy(() -> ChecklyTraceLimiter.create(0, 1));
    assertThatIllegalArgumentException().isThrownBy(() -> ChecklyTraceLimiter.create(-1, 1));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ChecklyTraceLimiter.create(Double.NaN, 1));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ChecklyTraceLimiter.create(Double.POSITIVE_INFINITY, 1));
    assertThatIllegalArgumentException().isThrownBy(() -> ChecklyTraceLimiter.create(1, 0));
  }

  @Test
  void describesItself() {
    assertThat(ChecklyTraceLimiter.create(50, 100))
        .hasToString("ChecklyTraceLimiter{tracesPerSecond=50.0, burst=100}");
  }

  private static int attempts(ChecklyTraceLimiter limiter, int count) {
    int admitted = 0;
    for (int i = 0; i < count; i++) {
      admitted += limiter.tryAcquire() ? 1 : 0;
    }
    return admitted;
  }

  private void advance(long nanos) {
    this.now.addAndGet(nanos);
  }

  @Test
  void rejectsABucketThatWouldTakeLongerThanAYearToRefill() {
    assertThat(ChecklyTraceLimiter.isWithinRefillBound(1e-8, 100)).isFalse();
    assertThatIllegalArgumentException().isThrownBy(() -> ChecklyTraceLimiter.create(1e-8, 100));
    double lowest = ChecklyTraceLimiter.minimumTracesPerSecond(100);
    assertThat(ChecklyTraceLimiter.isWithinRefillBound(lowest, 100)).isTrue();
    // At the bound the burst is still admitted at once, then nothing for a year.
    ChecklyTraceLimiter slowest = ChecklyTraceLimiter.create(lowest, 100, this.now::get);
    assertThat(attempts(slowest, 150)).isEqualTo(100);
    advance(TimeUnit.DAYS.toNanos(364));
    assertThat(slowest.tryAcquire()).isTrue();
  }
}
