package io.github.checklyotel.sampling.internal;

import io.github.checklyotel.sampling.ChecklySampler;
import io.github.checklyotel.sampling.ChecklyTraceLimiter;
import io.github.checklyotel.sampling.OutgoingSpans;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The settings that decide which requests get Checkly traces, and the rules their values must
 * follow, written once for both ways of running: the Spring Boot starter binds them from its {@code
 * checkly.*} properties, the Java agent extension reads the same names from the agent's
 * configuration. {@link Builder#build()} checks every value; what it returns builds the sampler,
 * its cap, the memory of outgoing calls and the request matcher.
 *
 * <p>The origin secret is never shown: not by {@link #toString()}, not in an {@link
 * InvalidSettingException}.
 */
public final class ChecklySamplingSettings {

  /** Whether to cap how many Checkly traces an instance starts per second. */
  public static final String RATE_LIMIT_ENABLED = "checkly.rate-limit.enabled";

  /** How many Checkly traces an instance may start per second, on average. */
  public static final String RATE_LIMIT_TRACES_PER_SECOND = "checkly.rate-limit.traces-per-second";

  /** How many Checkly traces an instance may start at once after a quiet spell. */
  public static final String RATE_LIMIT_BURST = "checkly.rate-limit.burst";

  /** How long a call out of a recorded Checkly trace may come back in under its trace. */
  public static final String REENTRY_WINDOW = "checkly.reentry.window";

  /** How many such calls an instance remembers at most. */
  public static final String REENTRY_MAX_CALLS = "checkly.reentry.max-calls";

  /** How many requests one admitted Checkly trace may let back in through such calls, in all. */
  public static final String REENTRY_MAX_PER_TRACE = "checkly.reentry.max-per-trace";

  /** The shared secret that, when set, Checkly requests must also carry (strict mode). */
  public static final String ORIGIN_SECRET = "checkly.origin.secret";

  /** The request header that carries the origin secret. */
  public static final String ORIGIN_HEADER_NAME = "checkly.origin.header-name";

  /**
   * Whether requests that are not Checkly's pass their caller's trace context on; read by the
   * boundary rather than these settings, but named with them.
   */
  public static final String PROPAGATE_FOREIGN_CONTEXT = "checkly.web.propagate-foreign-context";

  /** Every setting named here: the {@code checkly.*} settings the Java agent extension reads. */
  public static final List<String> NAMES =
      List.of(
          RATE_LIMIT_ENABLED,
          RATE_LIMIT_TRACES_PER_SECOND,
          RATE_LIMIT_BURST,
          REENTRY_WINDOW,
          REENTRY_MAX_CALLS,
          REENTRY_MAX_PER_TRACE,
          ORIGIN_SECRET,
          ORIGIN_HEADER_NAME,
          PROPAGATE_FOREIGN_CONTEXT);

  /**
   * How a secret is shown wherever this starter or the Java agent extension shows one: in {@code
   * toString()}, in an {@link InvalidSettingException}, in the text of a masked log line. The same
   * as Actuator's mask for a sanitized value.
   */
  public static final String MASK = "******";

  private final boolean rateLimitEnabled;

  private final double tracesPerSecond;

  private final int burst;

  private final Duration reentryWindow;

  private final int reentryMaxCalls;

  private final int reentryMaxPerTrace;

  private final String originHeaderName;

  private final String originSecret;

  private ChecklySamplingSettings(Builder builder) {
    this.rateLimitEnabled = builder.rateLimitEnabled;
    this.tracesPerSecond = builder.tracesPerSecond;
    this.burst = builder.burst;
    this.reentryWindow = builder.reentryWindow;
    this.reentryMaxCalls = builder.reentryMaxCalls;
    this.reentryMaxPerTrace = builder.reentryMaxPerTrace;
    this.originHeaderName = builder.originHeaderName;
    this.originSecret = builder.originSecret;
  }

  /** Returns a builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The defaults, those the starter's {@code checkly.*} properties document. */
  public static ChecklySamplingSettings defaults() {
    return builder().build();
  }

  /** Whether Checkly requests must also carry the origin secret. */
  public boolean isStrict() {
    return this.originSecret != null;
  }

  /**
   * Which requests start or continue Checkly traces, for the startup line: it says whether strict
   * mode is on, and names the header, never the secret.
   */
  public String describeAdmission() {
    return isStrict()
        ? "requests with tracestate checkly=true and the origin secret in header "
            + this.originHeaderName
            + " (strict mode)"
        : "requests with tracestate checkly=true (strict mode off: " + ORIGIN_SECRET + " not set)";
  }

  /** The header that carries the origin secret in strict mode. */
  public String getOriginHeaderName() {
    return this.originHeaderName;
  }

  /** Creates the memory of this instance's calls out of recorded traces. */
  public OutgoingSpans createOutgoingSpans() {
    return OutgoingSpans.create(this.reentryMaxCalls, this.reentryWindow, this.reentryMaxPerTrace);
  }

  /** Creates the cap on Checkly traces started, or returns {@code null} if there is none. */
  public ChecklyTraceLimiter createLimiter() {
    return this.rateLimitEnabled
        ? ChecklyTraceLimiter.create(this.tracesPerSecond, this.burst)
        : null;
  }

  /**
   * Creates the sampler, which lets requests back in under the calls {@code outgoingSpans} knows.
   */
  public ChecklySampler createSampler(OutgoingSpans outgoingSpans) {
    return ChecklySampler.builder()
        .limiter(createLimiter())
        .outgoingSpans(outgoingSpans)
        // In strict mode only the boundary, which checks the secret, starts Checkly traces.
        .trustRemoteMark(!isStrict())
        .build();
  }

  /**
   * Creates the boundary's rule for incoming requests; in strict mode, requests coming back under a
   * call {@code outgoingSpans} knows need no secret ({@code null} for none).
   */
  public ChecklyRequestMatcher createMatcher(OutgoingSpans outgoingSpans) {
    return isStrict()
        ? ChecklyRequestMatcher.withOriginSecret(
            this.originHeaderName, this.originSecret, outgoingSpans)
        : ChecklyRequestMatcher.tracestateOnly();
  }

  @Override
  public String toString() {
    return "ChecklySamplingSettings{rateLimit="
        + (this.rateLimitEnabled ? this.tracesPerSecond + "/s, burst=" + this.burst : "off")
        + ", reentry="
        + this.reentryMaxCalls
        + " calls for "
        + this.reentryWindow
        + ", "
        + this.reentryMaxPerTrace
        + " per trace"
        + (isStrict() ? ", origin=" + this.originHeaderName + ":" + MASK : "")
        + "}";
  }

  /** A setting whose value breaks its rule; it names the setting and never shows a secret. */
  public static final class InvalidSettingException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String setting;

    private final transient Object shownValue;

    private final String reason;

    InvalidSettingException(String setting, Object shownValue, String reason) {
      super("Invalid value '" + shownValue + "' for " + setting + ": " + reason);
      this.setting = setting;
      this.shownValue = shownValue;
      this.reason = reason;
    }

    /** The name of the setting, as a {@code checkly.*} property. */
    public String getSetting() {
      return this.setting;
    }

    /** The value as it may be shown: a secret is masked. */
    public Object getShownValue() {
      return this.shownValue;
    }

    /** Why the value is refused, and what to do about it. */
    public String getReason() {
      return this.reason;
    }
  }

  /** Collects the settings; {@link #build()} checks them. */
  public static final class Builder {

    // The defaults are written first in the starter's ChecklyProperties, whose field initialisers
    // Spring Boot's configuration metadata reads as literals, and which this package cannot see;
    // ChecklyPropertiesTests holds each of these equal to its property's.

    private boolean rateLimitEnabled = true;

    private double tracesPerSecond = 50;

    private int burst = 100;

    private Duration reentryWindow = Duration.ofMinutes(5);

    private int reentryMaxCalls = 16384;

    private int reentryMaxPerTrace = 32;

    private String originHeaderName = "X-Checkly-Origin";

    private String originSecret;

    private Builder() {}

    /** Sets {@value #RATE_LIMIT_ENABLED}. */
    public Builder rateLimitEnabled(boolean rateLimitEnabled) {
      this.rateLimitEnabled = rateLimitEnabled;
      return this;
    }

    /** Sets {@value #RATE_LIMIT_TRACES_PER_SECOND}. */
    public Builder tracesPerSecond(double tracesPerSecond) {
      this.tracesPerSecond = tracesPerSecond;
      return this;
    }

    /** Sets {@value #RATE_LIMIT_BURST}. */
    public Builder burst(int burst) {
      this.burst = burst;
      return this;
    }

    /** Sets {@value #REENTRY_WINDOW}. */
    public Builder reentryWindow(Duration reentryWindow) {
      this.reentryWindow = reentryWindow;
      return this;
    }

    /** Sets {@value #REENTRY_MAX_CALLS}. */
    public Builder reentryMaxCalls(int reentryMaxCalls) {
      this.reentryMaxCalls = reentryMaxCalls;
      return this;
    }

    /** Sets {@value #REENTRY_MAX_PER_TRACE}. */
    public Builder reentryMaxPerTrace(int reentryMaxPerTrace) {
      this.reentryMaxPerTrace = reentryMaxPerTrace;
      return this;
    }

    /** Sets {@value #ORIGIN_HEADER_NAME}. */
    public Builder originHeaderName(String originHeaderName) {
      this.originHeaderName = originHeaderName;
      return this;
    }

    /**
     * Sets {@value #ORIGIN_SECRET}; {@code null} for no strict mode. An empty or blank secret is
     * refused by {@link #build()}: set but unusable, it must not turn strict mode off quietly.
     */
    public Builder originSecret(String originSecret) {
      this.originSecret = originSecret;
      return this;
    }

    /**
     * Returns the settings.
     *
     * @throws InvalidSettingException naming the first setting whose value breaks its rule
     */
    public ChecklySamplingSettings build() {
      if (this.rateLimitEnabled) {
        checkRateLimit();
      }
      checkReentry();
      if (this.originSecret != null) {
        checkOrigin();
      }
      return new ChecklySamplingSettings(this);
    }

    private void checkRateLimit() {
      if (!(this.tracesPerSecond > 0) || Double.isInfinite(this.tracesPerSecond)) {
        throw new InvalidSettingException(
            RATE_LIMIT_TRACES_PER_SECOND,
            this.tracesPerSecond,
            "It must be a positive number; set "
                + RATE_LIMIT_ENABLED
                + "=false to remove the cap.");
      }
      if (this.burst < 1) {
        throw new InvalidSettingException(RATE_LIMIT_BURST, this.burst, "It must be at least 1.");
      }
      if (!ChecklyTraceLimiter.isWithinRefillBound(this.tracesPerSecond, this.burst)) {
        throw new InvalidSettingException(
            RATE_LIMIT_TRACES_PER_SECOND,
            this.tracesPerSecond,
            "With a burst of "
                + this.burst
                + ", a full bucket would take longer than "
                + ChecklyTraceLimiter.MAX_REFILL.toDays()
                + " days to refill. Raise "
                + RATE_LIMIT_TRACES_PER_SECOND
                + " to at least "
                + ChecklyTraceLimiter.minimumTracesPerSecond(this.burst)
                + " or lower "
                + RATE_LIMIT_BURST
                + ".");
      }
    }

    private void checkReentry() {
      if (this.reentryMaxCalls < 1 || this.reentryMaxCalls > OutgoingSpans.MAX_CAPACITY) {
        throw new InvalidSettingException(
            REENTRY_MAX_CALLS,
            this.reentryMaxCalls,
            "It must be between 1 and " + OutgoingSpans.MAX_CAPACITY + ".");
      }
      if (this.reentryMaxPerTrace < 0
          || this.reentryMaxPerTrace > OutgoingSpans.MAX_CALL_BACKS_PER_TRACE) {
        throw new InvalidSettingException(
            REENTRY_MAX_PER_TRACE,
            this.reentryMaxPerTrace,
            "It must be between 0 (no call-backs) and "
                + OutgoingSpans.MAX_CALL_BACKS_PER_TRACE
                + ".");
      }
      if (this.reentryWindow == null
          || this.reentryWindow.isNegative()
          || this.reentryWindow.isZero()
          || this.reentryWindow.compareTo(OutgoingSpans.MAX_WINDOW) > 0) {
        throw new InvalidSettingException(
            REENTRY_WINDOW,
            this.reentryWindow,
            "It must be positive and at most " + OutgoingSpans.MAX_WINDOW.toHours() + " hours.");
      }
    }

    private void checkOrigin() {
      if (this.originSecret.isBlank()) {
        throw new InvalidSettingException(
            ORIGIN_SECRET,
            this.originSecret.isEmpty() ? "" : "(blank)",
            "It is set but empty, which would quietly turn strict mode off (an unset variable"
                + " substituted into a Compose file, or an empty Kubernetes secret, gives this)."
                + " Give it the secret your checks send in "
                + Objects.toString(this.originHeaderName, "the origin header")
                + ", or remove the setting to run without strict mode.");
      }
      if (this.originHeaderName == null || this.originHeaderName.isBlank()) {
        throw new InvalidSettingException(
            ORIGIN_HEADER_NAME,
            Objects.toString(this.originHeaderName, ""),
            "A header name is needed when " + ORIGIN_SECRET + " is set.");
      }
      if (!isVisibleAscii(this.originSecret)) {
        // The value is a secret: never shown, not even here.
        throw new InvalidSettingException(
            ORIGIN_SECRET,
            MASK,
            "It must be printable ASCII without spaces: servlet containers read header values as"
                + " ISO-8859-1 and trim spaces, so any other secret could never match.");
      }
    }

    private static boolean isVisibleAscii(String value) {
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (c < 0x21 || c > 0x7E) {
          return false;
        }
      }
      return true;
    }
  }
}
