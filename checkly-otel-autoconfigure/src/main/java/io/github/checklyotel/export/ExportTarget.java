package io.github.checklyotel.export;

import java.util.List;

/**
 * Where and how spans are exported, as the SDK was configured: safe to show anywhere, as it holds
 * no header and no credential.
 *
 * @param exporters the span exporters, such as {@code otlp} or {@code checkly-log}
 * @param protocol the OTLP protocol, or {@code null} when not exporting over OTLP
 * @param endpoint the OTLP endpoint's host and port, or {@code null} when not exporting over OTLP
 * @param serviceName the service name spans are reported under
 */
public record ExportTarget(
    List<String> exporters, String protocol, String endpoint, String serviceName) {

  public ExportTarget {
    exporters = List.copyOf(exporters);
  }

  /** Whether spans go to an OTLP endpoint. */
  public boolean isOtlp() {
    return this.exporters.contains("otlp");
  }
}
