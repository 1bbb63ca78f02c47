package io.github.checklyotel.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checklyotel.test.app.AbstractActuatorCombinationTests;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.sdk.logs.LogRecordProcessor;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * (c) The starter with Spring Boot's own OpenTelemetry support (spring-boot-starter-opentelemetry):
 * Boot's Micrometer Tracing must run on the starter's one SDK, and Boot must not build a second
 * pipeline of its own.
 */
@TestPropertySource(
    properties = {
      // Were Spring Boot's own export pipeline built, these would give it exporters to create.
      "management.opentelemetry.tracing.export.otlp.endpoint=http://127.0.0.1:9/v1/traces",
      "management.opentelemetry.logging.export.otlp.endpoint=http://127.0.0.1:9/v1/logs",
      // Boot's own OTLP metrics registry, which this starter leaves alone, would publish to
      // localhost:4318 on shutdown and log a connection failure.
      "management.otlp.metrics.export.enabled=false"
    })
class BootOpenTelemetryCombinationTests extends AbstractActuatorCombinationTests {

  @Test
  void springBootBuildsNoSecondPipeline() {
    assertThat(this.context.getBeansOfType(SpanProcessor.class)).isEmpty();
    assertThat(this.context.getBeansOfType(SpanExporter.class)).isEmpty();
    assertThat(this.context.getBeansOfType(LogRecordProcessor.class)).isEmpty();
    assertThat(this.context.getBeansOfType(LogRecordExporter.class)).isEmpty();
    assertThat(this.context.getBeansOfType(SdkLoggerProvider.class)).isEmpty();
    assertThat(this.context.getBean(Tracer.class)).isInstanceOf(OtelTracer.class);
  }
}
