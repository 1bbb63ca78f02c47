package io.github.checklyotel.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.Ordered;

/**
 * Checkly-specific settings. Everything OpenTelemetry already defines (endpoint, headers, protocol,
 * service name, timeouts) stays under {@code otel.*} and the standard {@code OTEL_*} variables.
 */
@ConfigurationProperties("checkly")
public class ChecklyProperties {

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

  /** Settings of the servlet integration. */
  public static class Web {

    /**
     * Order of the servlet filter that reads the incoming tracestate. It must run before every
     * tracing filter, which sit at HIGHEST_PRECEDENCE + 1.
     */
    private int filterOrder = Ordered.HIGHEST_PRECEDENCE;

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

    public int getFilterOrder() {
      return this.filterOrder;
    }

    public void setFilterOrder(int filterOrder) {
      this.filterOrder = filterOrder;
    }

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
