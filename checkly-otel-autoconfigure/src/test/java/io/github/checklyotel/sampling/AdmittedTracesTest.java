package io.github.checklyotel.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AdmittedTracesTest {

  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

  private final AtomicLong now = new AtomicLong(-5_000_000_000L);

  private final AdmittedTraces traces =
      AdmittedTraces.create(64, Duration.ofSeconds(10), this.now::get);

  @Test
  void remembersAnAdmittedTraceForTheWindowAndNoLonger() {
    assertThat(this.traces.contains(TRACE_ID)).isFalse();
    this.traces.add(TRACE_ID);
    assertThat(this.traces.contains(TRACE_ID)).isTrue();
    this.now.addAndGet(Duration.ofSeconds(10).toNanos() - 1);
    assertThat(this.traces.contains(TRACE_ID)).isTrue();
    this.now.addAndGet(1);
    assertThat(this.traces.contains(TRACE_ID)).isFalse();
  }

  @Test
  void addingAgainRestartsTheWindow() {
    this.traces.add(TRACE_ID);
    this.now.addAndGet(Duration.ofSeconds(9).toNanos());
    this.traces.add(TRACE_ID);
    this.now.addAndGet(Duration.ofSeconds(9).toNanos());
    assertThat(this.traces.contains(TRACE_ID)).isTrue();
  }

  @Test
  void tellsTraceIdsApartThatShareHalfTheirBits() {
    this.traces.add(TRACE_ID);
    assertThat(this.traces.contains("4bf92f3577b34da6a3ce929d0e0e4737")).isFalse();
    assertThat(this.traces.contains("5bf92f3577b34da6a3ce929d0e0e4736")).isFalse();
  }

  @Test
  void ignoresWhatIsNotATraceId() {
    for (String invalid :
        new String[] {
          null,
          "",
          "00000000000000000000000000000000",
          "4BF92F3577B34DA6A3CE929D0E0E4736",
          "4bf92f3577b34da6a3ce929d0e0e473",
          "4bf92f3577b34da6a3ce929d0e0e47366",
          "4bf92f3577b34da6a3ce929d0e0e473g"
        }) {
      this.traces.add(invalid);
      assertThat(this.traces.contains(invalid)).isFalse();
    }
  }

  @Test
  void staysWithinItsCapacityAndKeepsTheNewest() {
    AdmittedTraces small = AdmittedTraces.create(4, Duration.ofMinutes(1), this.now::get);
    assertThat(small.getCapacity()).isEqualTo(4);
    for (int i = 1; i <= 100; i++) {
      small.add(traceId(i));
      this.now.addAndGet(1);
    }
    int remembered = 0;
    for (int i = 1; i <= 100; i++) {
      remembered += small.contains(traceId(i)) ? 1 : 0;
    }
    assertThat(remembered).isBetween(1, 4);
    assertThat(small.contains(traceId(100))).isTrue();
  }

  @Test
  void roundsTheCapacityUpToAPowerOfTwo() {
    assertThat(AdmittedTraces.create(1, Duration.ofSeconds(1)).getCapacity()).isEqualTo(4);
    assertThat(AdmittedTraces.create(100, Duration.ofSeconds(1)).getCapacity()).isEqualTo(128);
    assertThat(AdmittedTraces.create(4096, Duration.ofSeconds(1)).getCapacity()).isEqualTo(4096);
  }

  @Test
  void rejectsBoundsItCannotHonour() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> AdmittedTraces.create(0, Duration.ofSeconds(1)));
    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> AdmittedTraces.create(AdmittedTraces.MAX_CAPACITY + 1, Duration.ofSeconds(1)));
    assertThatIllegalArgumentException().isThrownBy(() -> AdmittedTraces.create(16, Duration.ZERO));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> AdmittedTraces.create(16, Duration.ofDays(2)));
  }

  private static String traceId(int n) {
    return String.format("%032x", (long) n * 0x9E3779B97F4A7C15L & Long.MAX_VALUE);
  }
}
