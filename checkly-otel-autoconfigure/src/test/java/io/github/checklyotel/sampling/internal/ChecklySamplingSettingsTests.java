package io.github.checklyotel.sampling.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.checklyotel.sampling.ChecklyTraceLimiter;
import io.github.checklyotel.sampling.OutgoingSpans;
import io.github.checklyotel.sampling.internal.ChecklySamplingSettings.InvalidSettingException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The rules for the sampling settings, which the starter and the Java agent extension share:
 * boundary values on both sides of each rule, and a secret that never shows.
 */
class ChecklySamplingSettingsTests {

  @Test
  void defaultsBuildACappedSamplerThatTrustsTheMark() {
    ChecklySamplingSettings settings = ChecklySamplingSettings.defaults();
    assertThat(settings.isStrict()).isFalse();
    OutgoingSpans outgoingSpans = settings.createOutgoingSpans();
    assertThat(outgoingSpans.getCapacity()).isEqualTo(16384);
    assertThat(outgoingSpans.getWindow()).isEqualTo(Duration.ofMinutes(5));
    assertThat(outgoingSpans.getCallBacksPerTrace()).isEqualTo(32);
    assertThat(settings.createSampler(outgoingSpans).getDescription())
        .isEqualTo("ChecklySampler{tracestate=checkly=true, limit=50.0/s, burst=100}");
    assertThat(settings.createMatcher(outgoingSpans).isStrict()).isFalse();
  }

  @Test
  void rateLimitOffBuildsNoLimiter() {
    ChecklySamplingSettings settings =
        ChecklySamplingSettings.builder().rateLimitEnabled(false).tracesPerSecond(-1).build();
    assertThat(settings.createLimiter()).isNull();
  }

  @Test
  void tracesPerSecondMustBePositiveAndFinite() {
    for (double rate : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertInvalid(
          ChecklySamplingSettings.builder().tracesPerSecond(rate),
          ChecklySamplingSettings.RATE_LIMIT_TRACES_PER_SECOND);
    }
    assertThat(ChecklySamplingSettings.builder().tracesPerSecond(Double.MIN_NORMAL).burst(1))
        .satisfies(builder -> assertInvalid(builder, "checkly.rate-limit.traces-per-second"));
  }

  @Test
  void burstMustBeAtLeastOneAndRefillWithinAYear() {
    assertInvalid(ChecklySamplingSettings.builder().burst(0), "checkly.rate-limit.burst");
    assertThat(ChecklySamplingSettings.builder().burst(1).build().createLimiter().getBurst())
        .isEqualTo(1);
    double lowest = ChecklyTraceLimiter.minimumTracesPerSecond(100);
    assertThat(
            ChecklySamplingSettings.builder()
                .tracesPerSecond(lowest)
                .build()
                .createLimiter()
                .getTracesPerSecond())
        .isEqualTo(lowest);
    assertThatExceptionOfType(InvalidSettingException.class)
        .isThrownBy(() -> ChecklySamplingSettings.builder().tracesPerSecond(lowest / 2).build())
        .satisfies(
            ex ->
                assertThat(ex.getReason()).contains("burst of 100").contains("at least " + lowest));
  }

  @Test
  void reentryBoundsAreOneCallToMaxCapacityAndUpToADay() {
    assertInvalid(
        ChecklySamplingSettings.builder().reentryMaxCalls(0), "checkly.reentry.max-calls");
    assertInvalid(
        ChecklySamplingSettings.builder().reentryMaxCalls(OutgoingSpans.MAX_CAPACITY + 1),
        "checkly.reentry.max-calls");
    for (Duration window :
        new Duration[] {
          Duration.ZERO, Duration.ofSeconds(-1), Duration.ofDays(1).plusNanos(1), null
        }) {
      assertInvalid(
          ChecklySamplingSettings.builder().reentryWindow(window), "checkly.reentry.window");
    }
    assertThat(
            ChecklySamplingSettings.builder()
                .reentryWindow(Duration.ofDays(1))
                .reentryMaxCalls(1)
                .build()
                .createOutgoingSpans()
                .getWindow())
        .isEqualTo(Duration.ofDays(1));
  }

  @Test
  void callBacksPerTraceRangeFromNoneToTheBound() {
    assertInvalid(
        ChecklySamplingSettings.builder().reentryMaxPerTrace(-1), "checkly.reentry.max-per-trace");
    assertInvalid(
        ChecklySamplingSettings.builder()
            .reentryMaxPerTrace(OutgoingSpans.MAX_CALL_BACKS_PER_TRACE + 1),
        "checkly.reentry.max-per-trace");
    for (int bound : new int[] {0, OutgoingSpans.MAX_CALL_BACKS_PER_TRACE}) {
      assertThat(
              ChecklySamplingSettings.builder()
                  .reentryMaxPerTrace(bound)
                  .build()
                  .createOutgoingSpans()
                  .getCallBacksPerTrace())
          .isEqualTo(bound);
    }
  }

  @Test
  void originSecretMustBeVisibleAsciiAndIsNeverShown() {
    for (String secret : new String[] {"has space", "tab\there", "caf\u00e9", "new\nline"}) {
      assertThatExceptionOfType(InvalidSettingException.class)
          .isThrownBy(() -> ChecklySamplingSettings.builder().originSecret(secret).build())
          .satisfies(
              ex -> {
                assertThat(ex.getSetting()).isEqualTo("checkly.origin.secret");
                assertThat(ex.getShownValue()).isEqualTo("******");
                assertThat(ex.getMessage()).doesNotContain(secret);
              });
    }
    ChecklySamplingSettings strict =
        ChecklySamplingSettings.builder().originSecret("!~visible~!").build();
    assertThat(strict.isStrict()).isTrue();
    assertThat(strict.toString()).doesNotContain("visible").contains("X-Checkly-Origin:******");
    assertThat(strict.createSampler(strict.createOutgoingSpans()).getDescription())
        .endsWith("remoteMark=untrusted}");
  }

  @Test
  void aSecretSetButEmptyOrBlankStopsRatherThanTurningStrictModeOff() {
    for (String unusable : new String[] {"", " ", "\t", "   "}) {
      assertThatExceptionOfType(InvalidSettingException.class)
          .isThrownBy(() -> ChecklySamplingSettings.builder().originSecret(unusable).build())
          .satisfies(
              ex -> {
                assertThat(ex.getSetting()).isEqualTo("checkly.origin.secret");
                assertThat(ex.getReason())
                    .contains("set but empty")
                    .contains("remove the setting")
                    .contains("X-Checkly-Origin");
              });
    }
    assertThat(ChecklySamplingSettings.builder().originSecret(null).build().isStrict()).isFalse();
  }

  @Test
  void theStartupLineSaysWhetherStrictModeIsOnAndNamesTheHeaderNotTheSecret() {
    assertThat(ChecklySamplingSettings.defaults().describeAdmission())
        .isEqualTo(
            "requests with tracestate checkly=true (strict mode off: checkly.origin.secret not"
                + " set)");
    assertThat(
            ChecklySamplingSettings.builder()
                .originSecret("s3cret")
                .originHeaderName("X-Origin")
                .build()
                .describeAdmission())
        .isEqualTo(
            "requests with tracestate checkly=true and the origin secret in header X-Origin"
                + " (strict mode)")
        .doesNotContain("s3cret");
  }

  @Test
  void strictModeNeedsAHeaderName() {
    assertInvalid(
        ChecklySamplingSettings.builder().originSecret("s3cret").originHeaderName(" "),
        "checkly.origin.header-name");
    assertThat(ChecklySamplingSettings.builder().originHeaderName(" ").build().isStrict())
        .isFalse();
  }

  private static void assertInvalid(ChecklySamplingSettings.Builder builder, String setting) {
    assertThatExceptionOfType(InvalidSettingException.class)
        .isThrownBy(builder::build)
        .satisfies(
            ex -> {
              assertThat(ex.getSetting()).isEqualTo(setting);
              assertThat(ex.getMessage()).startsWith("Invalid value '").contains(setting);
            });
  }
}
