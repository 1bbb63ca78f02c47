package io.github.checklyotel.autoconfigure;

import io.github.checklyotel.autoconfigure.internal.report.ChecklyStartupReport;
import io.github.checklyotel.export.ExportStatus;
import io.github.checklyotel.export.ExportTarget;
import io.github.checklyotel.export.internal.ReportingSpanExporter;
import io.github.checklyotel.export.internal.TraceLogSpanExporterProvider;
import io.github.checklyotel.sampling.ChecklySampler;
import io.github.checklyotel.sampling.internal.TracesOnlyPolicy;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizer;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Adapts OpenTelemetry's SDK auto-configuration, which the OpenTelemetry Spring Boot starter runs,
 * to Checkly: installs the sampler, turns the metrics and logs exporters off unless the user turns
 * them on, writes traces to the log when no OTLP endpoint is configured, and records where spans go
 * for health and the {@linkplain ChecklyStartupReport startup report}.
 *
 * <p>The defaults are handed over as OpenTelemetry's lowest-precedence properties, so any {@code
 * otel.*} property or {@code OTEL_*} variable the user sets wins.
 */
final class ChecklyOpenTelemetryCustomizer implements AutoConfigurationCustomizerProvider {

  private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

  private static final String OTLP_ENDPOINT = "otel.exporter.otlp.endpoint";
  private static final String OTLP_TRACES_ENDPOINT = "otel.exporter.otlp.traces.endpoint";

  private static final String OTLP_EXPORTER_PACKAGE = "io.opentelemetry.exporter.otlp.";

  private final Sampler sampler;

  private final Map<String, String> defaultProperties;

  private final ExportStatus exportStatus;

  private final String admission;

  ChecklyOpenTelemetryCustomizer(
      Sampler sampler,
      Map<String, String> defaultProperties,
      ExportStatus exportStatus,
      String admission) {
    this.sampler = sampler;
    this.defaultProperties = Map.copyOf(defaultProperties);
    this.exportStatus = exportStatus;
    this.admission = admission;
  }

  /**
   * Creates the customizer, deriving the defaults from what {@code environment} configures and
   * recording OTLP exports into {@code exportStatus}.
   *
   * @param admission which requests the sampler admits, as the startup line says it ({@link
   *     io.github.checklyotel.sampling.internal.ChecklySamplingSettings#describeAdmission()})
   */
  public static ChecklyOpenTelemetryCustomizer create(
      Sampler sampler, Environment environment, ExportStatus exportStatus, String admission) {
    return new ChecklyOpenTelemetryCustomizer(
        sampler, defaultProperties(environment), exportStatus, admission);
  }

  static Map<String, String> defaultProperties(Environment environment) {
    Map<String, String> defaults = new LinkedHashMap<>(TracesOnlyPolicy.EXPORTER_DEFAULTS);
    if (!StringUtils.hasText(environment.getProperty(OTLP_ENDPOINT))
        && !StringUtils.hasText(environment.getProperty(OTLP_TRACES_ENDPOINT))) {
      defaults.put("otel.traces.exporter", TraceLogSpanExporterProvider.NAME);
    }
    return defaults;
  }

  @Override
  public void customize(AutoConfigurationCustomizer customizer) {
    customizer.addPropertiesSupplier(() -> this.defaultProperties);
    customizer.addSamplerCustomizer((configured, config) -> this.sampler);
    if (this.sampler instanceof ChecklySampler checkly) {
      // It learns the calls out of recorded traces from the spans themselves.
      customizer.addTracerProviderCustomizer(
          (builder, config) ->
              builder.addSpanProcessor(checkly.getOutgoingSpans().spanProcessor()));
    }
    // Applied to each propagator otel.propagators names: only W3C Trace Context is replaced.
    customizer.addPropagatorCustomizer(
        (propagator, config) ->
            (propagator == W3CTraceContextPropagator.getInstance())
                ? io.github.checklyotel.propagation.internal.W3CTraceContextPropagator.getInstance()
                : propagator);
    customizer.addSpanExporterCustomizer(
        (exporter, config) ->
            isOtlp(exporter)
                ? ReportingSpanExporter.wrap(exporter, describeEndpoint(config), this.exportStatus)
                : exporter);
    customizer.addResourceCustomizer(
        (resource, config) -> {
          recordTarget(resource, config);
          return resource;
        });
  }

  static boolean isOtlp(SpanExporter exporter) {
    return exporter.getClass().getName().startsWith(OTLP_EXPORTER_PACKAGE);
  }

  private static String describeEndpoint(ConfigProperties config) {
    String endpoint = config.getString(OTLP_TRACES_ENDPOINT, config.getString(OTLP_ENDPOINT));
    if (endpoint != null) {
      return hostOf(endpoint);
    }
    // OpenTelemetry's defaults when no endpoint is set.
    return "grpc".equals(protocolOf(config)) ? "localhost:4317" : "localhost:4318";
  }

  private static String protocolOf(ConfigProperties config) {
    return config.getString(
        "otel.exporter.otlp.traces.protocol",
        config.getString("otel.exporter.otlp.protocol", "http/protobuf"));
  }

  private void recordTarget(Resource resource, ConfigProperties config) {
    if (config.getBoolean("otel.sdk.disabled", false)) {
      // Where the SDK's auto-configuration runs anyway (under Spring AOT, which fixed that at build
      // time), it resolves the resource but builds no SDK; the bean method said so already.
      return;
    }
    List<String> exporters = config.getList("otel.traces.exporter", List.of("otlp"));
    boolean otlp = exporters.contains("otlp");
    ExportTarget target =
        new ExportTarget(
            exporters,
            otlp ? protocolOf(config) : null,
            otlp ? describeEndpoint(config) : null,
            resource.getAttribute(SERVICE_NAME));
    this.exportStatus.setTarget(target);
    ChecklyStartupReport.warnAboutBearerPrefix(target, config);
    ChecklyStartupReport.logTarget(target, this.admission);
  }

  /** The host and port of an endpoint URL, without scheme, credentials or path. */
  static String hostOf(String endpoint) {
    int schemeEnd = endpoint.indexOf("://");
    String authority = schemeEnd < 0 ? endpoint : endpoint.substring(schemeEnd + 3);
    int pathStart = authority.indexOf('/');
    if (pathStart >= 0) {
      authority = authority.substring(0, pathStart);
    }
    return authority.substring(authority.lastIndexOf('@') + 1);
  }

  @Override
  public String toString() {
    return "ChecklyOpenTelemetryCustomizer{sampler="
        + this.sampler.getDescription()
        + ", defaults="
        + this.defaultProperties
        + "}";
  }
}
