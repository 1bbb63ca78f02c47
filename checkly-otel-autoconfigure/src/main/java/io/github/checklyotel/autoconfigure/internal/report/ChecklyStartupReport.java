package io.github.checklyotel.autoconfigure.internal.report;

import io.github.checklyotel.autoconfigure.internal.ChecklyTracingMode;
import io.github.checklyotel.export.ExportTarget;
import io.github.checklyotel.export.internal.TraceLogSpanExporterProvider;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import java.util.List;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * What the starter says once at startup when it traces: where Checkly traces go, and a warning
 * about the commonest mistake with Checkly's key. Never the key itself.
 */
public final class ChecklyStartupReport {

  private static final Log logger = LogFactory.getLog(ChecklyStartupReport.class);

  private static final String BEARER = "Bearer ";

  private ChecklyStartupReport() {}

  /** Says which requests are recorded and where their traces go. */
  public static void logTarget(ExportTarget target, String admission) {
    if (ChecklyTracingMode.hasJavaAgentClasses()) {
      logger.warn(
          "The OpenTelemetry Java agent's classes are present but it is not running (turned off,"
              + " failed to start, or too old to be detected): this starter traces on its own.");
    }
    if (!logger.isInfoEnabled()) {
      return;
    }
    List<String> exporters = target.exporters();
    String destination;
    if (exporters.equals(List.of(TraceLogSpanExporterProvider.NAME))) {
      destination = "writing them to the application log (no OTLP endpoint configured)";
    } else if (exporters.equals(List.of("otlp"))) {
      destination = "exporting them over OTLP " + target.protocol() + " to " + target.endpoint();
    } else {
      destination = "exporting them with " + String.join(", ", exporters);
    }
    logger.info(
        "Checkly tracing is on for service '"
            + target.serviceName()
            + "': recording only "
            + admission
            + ", "
            + destination);
  }

  /** Says that nothing is recorded, because OpenTelemetry's SDK is disabled. */
  public static void logSdkDisabled() {
    logger.info(
        "Checkly tracing is off: the OpenTelemetry SDK is disabled (otel.sdk.disabled or"
            + " OTEL_SDK_DISABLED is true), so no spans are recorded or exported");
  }

  /**
   * Checkly takes the raw key: a {@code Bearer} prefix on the authorization header sent to Checkly
   * is a common mistake, worth a warning that names the property and not the value.
   */
  public static void warnAboutBearerPrefix(ExportTarget target, ConfigProperties config) {
    if (target.endpoint() == null || !target.endpoint().contains("checklyhq.com")) {
      return;
    }
    for (String property :
        List.of("otel.exporter.otlp.traces.headers", "otel.exporter.otlp.headers")) {
      config
          .getMap(property)
          .forEach(
              (name, value) -> {
                if (name.equalsIgnoreCase("authorization")
                    && value.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                  logger.warn(
                      "The authorization header in "
                          + property
                          + " starts with 'Bearer ', which Checkly rejects: set it to"
                          + " authorization=<your Checkly API key>, the key alone.");
                }
              });
    }
  }
}
