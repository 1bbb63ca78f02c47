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

  private final Filter filter = new Filter();

  public boolean isEnabled() {
    return this.enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public Filter getFilter() {
    return this.filter;
  }

  /** Settings of the servlet filter that reads the incoming {@code tracestate}. */
  public static class Filter {

    /**
     * Order of the filter. It must run before every tracing filter, which sit at HIGHEST_PRECEDENCE
     * + 1.
     */
    private int order = Ordered.HIGHEST_PRECEDENCE;

    public int getOrder() {
      return this.order;
    }

    public void setOrder(int order) {
      this.order = order;
    }
  }
}
