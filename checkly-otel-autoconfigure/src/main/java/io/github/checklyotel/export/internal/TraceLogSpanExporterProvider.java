package io.github.checklyotel.export.internal;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Makes {@link TraceLogSpanExporter} available as {@code otel.traces.exporter=checkly-log}, the
 * default when no OTLP endpoint is configured.
 */
public final class TraceLogSpanExporterProvider implements ConfigurableSpanExporterProvider {

  /** The exporter name to use in {@code otel.traces.exporter}. */
  public static final String NAME = "checkly-log";

  private static final Log logger = LogFactory.getLog(TraceLogSpanExporterProvider.class);

  @Override
  public SpanExporter createExporter(ConfigProperties config) {
    logger.info(
        "No OTLP endpoint is configured, so Checkly traces are written to this log. To send them"
            + " to Checkly, set OTEL_EXPORTER_OTLP_ENDPOINT=https://otel.eu-west-1.checklyhq.com,"
            + " OTEL_EXPORTER_OTLP_HEADERS=authorization=<your Checkly API key> and"
            + " OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf.");
    return new TraceLogSpanExporter();
  }

  @Override
  public String getName() {
    return NAME;
  }
}
