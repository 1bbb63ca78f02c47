package io.github.checklyotel.autoconfigure;

import io.github.checklyotel.declarative.internal.ChecklyComponentProvider;
import io.github.checklyotel.declarative.internal.ChecklyConfigurationModel;
import io.github.checklyotel.export.ExportStatus;
import io.github.checklyotel.export.ExportTarget;
import io.github.checklyotel.export.internal.ReportingSpanExporter;
import io.github.checklyotel.propagation.internal.W3CTraceContextPropagator;
import io.github.checklyotel.sampling.ChecklySampler;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.DeclarativeConfigurationCustomizerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.List;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * OpenTelemetry's declarative configuration ({@code otel.file_format} in the environment), where
 * OpenTelemetry's starter builds the SDK from a model and never calls the {@link
 * ChecklyOpenTelemetryCustomizer}: the {@code checkly} sampler, propagator and span processor as
 * named components, and a customizer that puts them into the model the user wrote ({@link
 * ChecklyConfigurationModel}) and says so at startup. OpenTelemetry's starter finds all of them
 * among the context's beans.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(DeclarativeConfigurationCustomizerProvider.class)
@ConditionalOnProperty(ChecklyDeclarativeConfiguration.FILE_FORMAT)
class ChecklyDeclarativeConfiguration {

  /** The property whose presence makes OpenTelemetry's starter read its declarative model. */
  static final String FILE_FORMAT = "otel.file_format";

  private static final Log logger = LogFactory.getLog(ChecklyDeclarativeConfiguration.class);

  @Bean
  ChecklyComponentProvider checklySamplerComponentProvider(ObjectProvider<Sampler> sampler) {
    return ChecklyComponentProvider.sampler(sampler::getObject);
  }

  @Bean
  ChecklyComponentProvider checklyPropagatorComponentProvider() {
    return ChecklyComponentProvider.propagator(W3CTraceContextPropagator::getInstance);
  }

  @Bean
  ChecklyComponentProvider checklySpanProcessorComponentProvider(ObjectProvider<Sampler> sampler) {
    return ChecklyComponentProvider.spanProcessor(
        () ->
            (sampler.getObject() instanceof ChecklySampler checkly)
                ? checkly.getOutgoingSpans().spanProcessor()
                // A sampler of the user's remembers no calls.
                : SpanProcessor.composite());
  }

  @Bean
  DeclarativeConfigurationCustomizerProvider checklyDeclarativeConfigurationCustomizer(
      ChecklyProperties properties, ExportStatus exportStatus) {
    String admission = properties.toSamplingSettings().describeAdmission();
    return customizer -> {
      customizer.addModelCustomizer(
          model -> {
            List<String> changes = ChecklyConfigurationModel.apply(model);
            logger.info(
                "Checkly tracing is on (declarative configuration, file_format "
                    + model.getFileFormat()
                    + "): recording only "
                    + admission
                    + "; "
                    + ChecklyConfigurationModel.describeOtherSignals(model)
                    + (changes.isEmpty() ? "" : "; changed: " + String.join(", ", changes)));
            return model;
          });
      customizer.addSpanExporterCustomizer(
          SpanExporter.class,
          (exporter, config) -> {
            if (!ChecklyOpenTelemetryCustomizer.isOtlp(exporter)) {
              return exporter;
            }
            String endpoint = config.getString("endpoint");
            String host =
                (endpoint != null) ? ChecklyOpenTelemetryCustomizer.hostOf(endpoint) : "default";
            exportStatus.setTarget(
                new ExportTarget(List.of("otlp"), protocolOf(exporter), host, null));
            return ReportingSpanExporter.wrap(exporter, host, exportStatus);
          });
    };
  }

  private static String protocolOf(SpanExporter exporter) {
    return exporter.getClass().getSimpleName().contains("Grpc") ? "grpc" : "http/protobuf";
  }
}
