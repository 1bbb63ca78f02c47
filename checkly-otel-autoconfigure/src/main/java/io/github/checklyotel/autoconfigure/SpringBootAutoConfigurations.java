package io.github.checklyotel.autoconfigure;

/**
 * The names of Spring Boot's own auto-configurations that this starter orders itself against or
 * leaves out, on each supported line: the one place that knows where Spring Boot 3 and 4 keep them.
 * Names, not classes, since only one line is ever on the class path.
 *
 * <p>The compiler cannot see these names move: {@code UpstreamCouplingTests} checks each against
 * the modules that ship it, and {@code docs/upstream-coupling.md} says what to re-check on upgrade.
 */
final class SpringBootAutoConfigurations {

  /** OpenTelemetry's Spring Boot starter, which builds the SDK. */
  static final String OPENTELEMETRY_STARTER =
      "io.opentelemetry.instrumentation.spring.autoconfigure.OpenTelemetryAutoConfiguration";

  /** OpenTelemetry's Spring MVC server instrumentation, which defines its filter. */
  static final String OPENTELEMETRY_WEBMVC =
      "io.opentelemetry.instrumentation.spring.autoconfigure.internal.instrumentation.webmvc.SpringWebMvc6InstrumentationAutoConfiguration";

  /** The name of the filter bean that {@link #OPENTELEMETRY_WEBMVC} defines. */
  static final String OPENTELEMETRY_WEBMVC_FILTER = "otelWebMvcFilter";

  // Spring Boot 4: modules of their own.

  /** Spring Boot 4's health contributors, which the {@code checkly} health indicator precedes. */
  static final String HEALTH_CONTRIBUTOR =
      "org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration";

  static final String OPENTELEMETRY_SDK =
      "org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration";

  static final String OPENTELEMETRY_LOGGING =
      "org.springframework.boot.opentelemetry.autoconfigure.logging.OpenTelemetryLoggingAutoConfiguration";

  static final String OTLP_LOGGING =
      "org.springframework.boot.opentelemetry.autoconfigure.logging.otlp.OtlpLoggingAutoConfiguration";

  static final String OPENTELEMETRY_TRACING =
      "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration";

  static final String OTLP_TRACING =
      "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingAutoConfiguration";

  static final String ZIPKIN_OPENTELEMETRY_TRACING =
      "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.zipkin.ZipkinWithOpenTelemetryTracingAutoConfiguration";

  static final String MICROMETER_TRACING =
      "org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration";

  static final String NOOP_TRACER =
      "org.springframework.boot.micrometer.tracing.autoconfigure.NoopTracerAutoConfiguration";

  // Spring Boot 3: all in Actuator's auto-configuration.

  static final String BOOT3_HEALTH_CONTRIBUTOR =
      "org.springframework.boot.actuate.autoconfigure.health.HealthContributorAutoConfiguration";

  static final String BOOT3_OPENTELEMETRY_SDK =
      "org.springframework.boot.actuate.autoconfigure.opentelemetry.OpenTelemetryAutoConfiguration";

  static final String BOOT3_OPENTELEMETRY_LOGGING =
      "org.springframework.boot.actuate.autoconfigure.logging.OpenTelemetryLoggingAutoConfiguration";

  static final String BOOT3_OTLP_LOGGING =
      "org.springframework.boot.actuate.autoconfigure.logging.otlp.OtlpLoggingAutoConfiguration";

  static final String BOOT3_OPENTELEMETRY_TRACING =
      "org.springframework.boot.actuate.autoconfigure.tracing.OpenTelemetryTracingAutoConfiguration";

  static final String BOOT3_OTLP_TRACING =
      "org.springframework.boot.actuate.autoconfigure.tracing.otlp.OtlpTracingAutoConfiguration";

  static final String BOOT3_MICROMETER_TRACING =
      "org.springframework.boot.actuate.autoconfigure.tracing.MicrometerTracingAutoConfiguration";

  static final String BOOT3_NOOP_TRACER =
      "org.springframework.boot.actuate.autoconfigure.tracing.NoopTracerAutoConfiguration";

  private SpringBootAutoConfigurations() {}
}
