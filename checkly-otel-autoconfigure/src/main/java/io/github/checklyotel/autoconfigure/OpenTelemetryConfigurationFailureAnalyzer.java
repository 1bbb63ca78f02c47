package io.github.checklyotel.autoconfigure;

import io.github.checklyotel.export.internal.SecretMasker;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

  /** OpenTelemetry's terser messages, spelled out with the property and variable they are about. */
  private static String explain(String message) {
    if (message == null) {
      return "";
    }
    if (message.startsWith("OTLP endpoint must be a valid URL")) {
      return " (set by otel.exporter.otlp.endpoint or OTEL_EXPORTER_OTLP_ENDPOINT, or for traces"
          + " only otel.exporter.otlp.traces.endpoint or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT; it"
          + " must be an http or https URL)";
    }
    if (message.startsWith("Unsupported OTLP") && message.contains("protocol")) {
      return " (set by otel.exporter.otlp.protocol or OTEL_EXPORTER_OTLP_PROTOCOL, or for traces"
          + " only otel.exporter.otlp.traces.protocol or OTEL_EXPORTER_OTLP_TRACES_PROTOCOL; it"
          + " must be http/protobuf or grpc)";
    }
    if (message.startsWith("Invalid map property")) {
      Matcher property = PROPERTY.matcher(message);
      String named =
          property.find()
              ? property.group() + " or " + toVariable(property.group())
              : "a property of key=value pairs, such as OTEL_EXPORTER_OTLP_HEADERS or"
                  + " OTEL_RESOURCE_ATTRIBUTES,";
      return " (" + named + " has an entry without '=')";
    }
    return "";
  }

  /** The environment variable Spring and OpenTelemetry bind to {@code property}. */
  private static String toVariable(String property) {
    return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  private static final Pattern PROPERTY = Pattern.compile("otel(\\.[a-z0-9-]+)+");
}
