package io.github.checklyotel.autoconfigure;

import io.github.checklyotel.logging.SecretMasker;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an OpenTelemetry configuration error at startup, with any secret in it masked.
 *
 * <p>The analysis carries a masked copy of the exception, because Spring Boot logs the analysis
 * cause at debug level and OpenTelemetry's messages may quote header values verbatim.
 */
class OpenTelemetryConfigurationFailureAnalyzer
    extends AbstractFailureAnalyzer<ConfigurationException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, ConfigurationException cause) {
    String message = SecretMasker.mask(cause.getMessage());
    ConfigurationException masked = new ConfigurationException(message);
    masked.setStackTrace(cause.getStackTrace());
    return new FailureAnalysis(
        "OpenTelemetry rejected its configuration: " + message + explain(message),
        """
        Check the otel.* properties and OTEL_* environment variables. To send traces to Checkly:
            OTEL_EXPORTER_OTLP_ENDPOINT=https://otel.eu-west-1.checklyhq.com (an http or https URL)
            OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf (or grpc)
            OTEL_EXPORTER_OTLP_HEADERS=authorization=<your Checkly API key> (key=value pairs separated by commas)
        Leave the endpoint unset to write Checkly traces to the application log instead.""",
        masked);
  }

  /** OpenTelemetry's terser messages, spelled out. */
  private static String explain(String message) {
    if (message != null && message.startsWith("Invalid map property")) {
      return " (a property of key=value pairs, such as OTEL_EXPORTER_OTLP_HEADERS or"
          + " OTEL_RESOURCE_ATTRIBUTES, has an entry without '=')";
    }
    return "";
  }
}
