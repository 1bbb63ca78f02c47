package io.github.checklyotel.autoconfigure;

import io.github.checklyotel.autoconfigure.internal.ChecklyTracingMode;
import io.github.checklyotel.sampling.internal.ChecklySamplingSettings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.env.Environment;

/**
 * Checkly-specific settings. Everything OpenTelemetry already defines (endpoint, headers, protocol,
 * service name, timeouts) stays under {@code otel.*} and the standard {@code OTEL_*} variables.
 *
 * <p>The field initialisers are the documented defaults: Spring Boot's configuration processor
 * reads them into the metadata, and README's table is checked against that. They stay literals,
 * which is all the processor can read; {@link ChecklySamplingSettings}, which the Java agent
 * extension uses without Spring, repeats the sampling ones, and a test holds each equal.
 */
@ConfigurationProperties(ChecklyProperties.PREFIX)
public class ChecklyProperties {

  /** The prefix of every property here. */
  static final String PREFIX = "checkly";

  /**
   * Whether to record and export Checkly traces. When false, tracing is off entirely: no spans, no
   * exporter and no connection attempts.
   */
  private boolean enabled = true;

  /**
   * Whether to leave out Spring Boot's own OpenTelemetry SDK, tracing-export and OpenTelemetry
   * logging auto-configurations, which would build a second, unused pipeline beside the one
   * OpenTelemetry's starter builds. Spring Boot's Micrometer Tracing handlers and metrics are kept.
   */
  private boolean excludeSpringBootOpentelemetry = true;

  private final Web web = new Web();

  private final RateLimit rateLimit = new RateLimit();

  private final Origin origin = new Origin();

  private final Reentry reentry = new Reentry();

  private final StartupCheck startupCheck = new StartupCheck();

  public boolean isEnabled() {
    return this.enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public boolean isExcludeSpringBootOpentelemetry() {
    return this.excludeSpringBootOpentelemetry;
  }

  public void setExcludeSpringBootOpentelemetry(boolean excludeSpringBootOpentelemetry) {
    this.excludeSpringBootOpentelemetry = excludeSpringBootOpentelemetry;
  }

  public Web getWeb() {
    return this.web;
  }

  public RateLimit getRateLimit() {
    return this.rateLimit;
  }

  public Origin getOrigin() {
    return this.origin;
  }

  public Reentry getReentry() {
    return this.reentry;
  }

  public StartupCheck getStartupCheck() {
    return this.startupCheck;
  }

  /**
   * Binds the properties from {@code environment} where no bean can be asked for them yet: in
   * conditions, environment post-processors, import filters and the static methods that create bean
   * post-processors. The same binding, defaults and validation as the bean's.
   */
  static ChecklyProperties bind(Environment environment) {
    return Binder.get(environment).bindOrCreate(PREFIX, ChecklyProperties.class);
  }

  /** The tracing mode for the properties {@code environment} binds. */
  static ChecklyTracingMode tracingMode(Environment environment) {
    return ChecklyTracingMode.of(bind(environment));
  }

  /**
   * The sampling settings these properties hold, checked by the rules the Java agent extension
   * shares.
   *
   * @throws InvalidConfigurationPropertyValueException naming the first property that breaks its
   *     rule, for Spring Boot's failure analysis
   */
  ChecklySamplingSettings toSamplingSettings() {
    try {
      return ChecklySamplingSettings.builder()
          .rateLimitEnabled(this.rateLimit.isEnabled())
          .tracesPerSecond(this.rateLimit.getTracesPerSecond())
          .burst(this.rateLimit.getBurst())
          .reentryWindow(this.reentry.getWindow())
          .reentryMaxCalls(this.reentry.getMaxCalls())
          .reentryMaxPerTrace(this.reentry.getMaxPerTrace())
          .originHeaderName(this.origin.getHeaderName())
          .originSecret(this.origin.getSecret())
          .build();
    } catch (ChecklySamplingSettings.InvalidSettingException ex) {
      throw new InvalidConfigurationPropertyValueException(
          ex.getSetting(), ex.getShownValue(), ex.getReason());
    }
  }

  /**
   * Memory of the calls this instance makes out of the Checkly traces it records, so that a request
   * coming back under one of them (a call to itself, an asynchronous hop) continues its trace
   * without a new token or, in strict mode, the origin secret; once per call.
   */
  public static class Reentry {

    /** How long a call out of a recorded Checkly trace may come back in under its trace. */
    private Duration window = Duration.ofMinutes(5);

    /** How many such calls (and traces) this instance remembers at most; the oldest make room. */
    private int maxCalls = 16384;

    /**
     * How many requests one admitted Checkly trace may let back in through such calls, in all,
     * whoever replays them; 0 for none.
     */
    private int maxPerTrace = 32;

    public Duration getWindow() {
      return this.window;
    }

    public void setWindow(Duration window) {
      this.window = window;
    }

    public int getMaxCalls() {
      return this.maxCalls;
    }

    public void setMaxCalls(int maxCalls) {
      this.maxCalls = maxCalls;
    }

    public int getMaxPerTrace() {
      return this.maxPerTrace;
    }

    public void setMaxPerTrace(int maxPerTrace) {
      this.maxPerTrace = maxPerTrace;
    }
  }

  /** The check at startup that the SDK in use records and exports only Checkly traces. */
  public static class StartupCheck {

    /**
     * Whether to stop startup when the SDK in use records spans that are not Checkly's, or when
     * Micrometer's OTLP registry publishes to the trace endpoint.
     */
    private boolean enabled = true;

    public boolean isEnabled() {
      return this.enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }

  /** Cap on the Checkly traces this instance starts, against spoofed Checkly headers. */
  public static class RateLimit {

    /** Whether to cap how many Checkly traces this instance starts per second. */
    private boolean enabled = true;

    /** How many Checkly traces this instance may start per second, on average. */
    private double tracesPerSecond = 50;

    /** How many Checkly traces this instance may start at once after a quiet spell. */
    private int burst = 100;

    public boolean isEnabled() {
      return this.enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public double getTracesPerSecond() {
      return this.tracesPerSecond;
    }

    public void setTracesPerSecond(double tracesPerSecond) {
      this.tracesPerSecond = tracesPerSecond;
    }

    public int getBurst() {
      return this.burst;
    }

    public void setBurst(int burst) {
      this.burst = burst;
    }
  }

  /** Strict mode: Checkly requests must also prove their origin with a shared secret. */
  public static class Origin {

    /**
     * Shared secret that Checkly requests must carry in the origin header, set up in your checks.
     * When set, a request with tracestate checkly=true but without the secret is not traced. Set
     * but empty or blank, it stops startup.
     */
    private String secret;

    /** Name of the request header that carries the origin secret. */
    private String headerName = "X-Checkly-Origin";

    public String getSecret() {
      return this.secret;
    }

    public void setSecret(String secret) {
      this.secret = secret;
    }

    public String getHeaderName() {
      return this.headerName;
    }

    public void setHeaderName(String headerName) {
      this.headerName = headerName;
    }

    @Override
    public String toString() {
      return "Origin{headerName="
          + this.headerName
          + ", secret="
          + ((this.secret == null || this.secret.isEmpty())
              ? "<none>"
              : ChecklySamplingSettings.MASK)
          + "}";
    }
  }

  /** Settings of the servlet integration. */
  public static class Web {

    /**
     * Whether OpenTelemetry's HTTP server instrumentation also runs for requests that are not
     * Checkly's. They are never traced either way: turning this on only keeps OpenTelemetry's own
     * HTTP server metrics for them, at a cost on every request.
     */
    private boolean instrumentOtherRequests = false;

    /**
     * Whether requests that are not Checkly's still pass the trace context they arrive with on to
     * outgoing calls, as they would without this starter.
     */
    private boolean propagateForeignContext = true;

    public boolean isInstrumentOtherRequests() {
      return this.instrumentOtherRequests;
    }

    public void setInstrumentOtherRequests(boolean instrumentOtherRequests) {
      this.instrumentOtherRequests = instrumentOtherRequests;
    }

    public boolean isPropagateForeignContext() {
      return this.propagateForeignContext;
    }

    public void setPropagateForeignContext(boolean propagateForeignContext) {
      this.propagateForeignContext = propagateForeignContext;
    }
  }
}
