package io.github.checklyotel.autoconfigure;

import io.github.checklyotel.autoconfigure.internal.ChecklyTracingMode;
import io.github.checklyotel.observation.internal.InstrumentedElsewhereObservationHandler;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationHandler.FirstMatchingCompositeObservationHandler;
import io.micrometer.tracing.SpanCustomizer;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.EventListener;
import io.micrometer.tracing.otel.bridge.OtelBaggageManager;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelSpanCustomizer;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.micrometer.tracing.propagation.Propagator;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Makes Micrometer Observations and Micrometer Tracing use the one OpenTelemetry SDK that
 * OpenTelemetry's starter builds, so that Spring's own instrumentation and the application's
 * observations join the same Checkly traces, and keeps the two instrumentations from tracing the
 * same HTTP request twice.
 *
 * <p>It runs after OpenTelemetry's starter and before Spring Boot's tracing auto-configurations,
 * whose tracer, propagator, sampler and tracer provider beans then back off to these.
 */
@AutoConfiguration(
    afterName = SpringBootAutoConfigurations.OPENTELEMETRY_STARTER,
    beforeName = {
      SpringBootAutoConfigurations.OPENTELEMETRY_SDK,
      SpringBootAutoConfigurations.OPENTELEMETRY_TRACING,
      SpringBootAutoConfigurations.MICROMETER_TRACING,
      SpringBootAutoConfigurations.NOOP_TRACER,
      SpringBootAutoConfigurations.BOOT3_OPENTELEMETRY_SDK,
      SpringBootAutoConfigurations.BOOT3_OPENTELEMETRY_TRACING,
      SpringBootAutoConfigurations.BOOT3_MICROMETER_TRACING,
      SpringBootAutoConfigurations.BOOT3_NOOP_TRACER
    })
@ConditionalOnClass({OtelTracer.class, OpenTelemetry.class, ObservationHandler.class})
@ConditionalOnChecklyTracing({ChecklyTracingMode.STARTER, ChecklyTracingMode.JAVA_AGENT})
@ConditionalOnBean(OpenTelemetry.class)
public final class ChecklyObservationAutoConfiguration {

  private static final String INSTRUMENTATION_SCOPE = "io.github.checkly-otel";

  @Bean
  @ConditionalOnMissingBean
  OtelCurrentTraceContext checklyOtelCurrentTraceContext() {
    return new OtelCurrentTraceContext();
  }

  @Bean
  @ConditionalOnMissingBean(Tracer.class)
  OtelTracer checklyMicrometerTracer(
      OpenTelemetry openTelemetry,
      OtelCurrentTraceContext currentTraceContext,
      ObjectProvider<EventListener> eventListeners) {
    // Listeners such as Spring Boot's log correlation keep working when Boot's tracer backs off.
    List<EventListener> listeners = eventListeners.orderedStream().toList();
    return new OtelTracer(
        openTelemetry.getTracer(INSTRUMENTATION_SCOPE),
        currentTraceContext,
        event -> listeners.forEach(listener -> listener.onEvent(event)),
        new OtelBaggageManager(currentTraceContext, List.of(), List.of()));
  }

  @Bean
  @ConditionalOnMissingBean(SpanCustomizer.class)
  OtelSpanCustomizer checklySpanCustomizer() {
    return new OtelSpanCustomizer();
  }

  @Bean
  @ConditionalOnMissingBean(Propagator.class)
  OtelPropagator checklyMicrometerPropagator(OpenTelemetry openTelemetry) {
    return new OtelPropagator(
        openTelemetry.getPropagators(), openTelemetry.getTracer(INSTRUMENTATION_SCOPE));
  }

  /**
   * The tracer provider of OpenTelemetry's starter, as a bean, so that Spring Boot does not build a
   * second one. OpenTelemetry's starter closes it.
   */
  @Bean(destroyMethod = "")
  @ConditionalOnMissingBean
  @ConditionalOnBean(AutoConfiguredOpenTelemetrySdk.class)
  SdkTracerProvider checklySdkTracerProvider(AutoConfiguredOpenTelemetrySdk sdk) {
    return sdk.getOpenTelemetrySdk().getSdkTracerProvider();
  }

  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE)
  @ConditionalOnMissingBean
  InstrumentedElsewhereObservationHandler checklyInstrumentedElsewhereObservationHandler(
      Environment environment) {
    return new InstrumentedElsewhereObservationHandler(
        instrumentedElsewhere(
            environment,
            ChecklyProperties.tracingMode(environment),
            ChecklyObservationAutoConfiguration.class.getClassLoader()));
  }

  private static final String SERVLET_SERVER_CONTEXT =
      "org.springframework.http.server.observation.ServerRequestObservationContext";

  private static final String REACTIVE_SERVER_CONTEXT =
      "org.springframework.http.server.reactive.observation.ServerRequestObservationContext";

  private static final String WEBCLIENT_CONTEXT =
      "org.springframework.web.reactive.function.client.ClientRequestObservationContext";

  private static final String HTTP_CLIENT_CONTEXT =
      "org.springframework.http.client.observation.ClientRequestObservationContext";

  /** The observation context types looked up by name, for a native image's reflection hints. */
  static final List<String> OBSERVATION_CONTEXT_TYPES =
      List.of(
          SERVLET_SERVER_CONTEXT, REACTIVE_SERVER_CONTEXT, WEBCLIENT_CONTEXT, HTTP_CLIENT_CONTEXT);

  /**
   * Observation context types whose requests OpenTelemetry's own instrumentation traces: under the
   * Java agent, which traces every HTTP server and client below Spring (Tomcat, Netty, the HTTP
   * client libraries), all of them; otherwise those of the starter's enabled modules.
   */
  static List<Class<?>> instrumentedElsewhere(
      Environment environment, ChecklyTracingMode mode, ClassLoader classLoader) {
    boolean agent = mode == ChecklyTracingMode.JAVA_AGENT;
    List<Class<?>> types = new ArrayList<>();
    if (agent || isInstrumentationEnabled(environment, "spring-webmvc")) {
      addIfPresent(types, SERVLET_SERVER_CONTEXT, classLoader);
    }
    if (agent || isInstrumentationEnabled(environment, "spring-webflux")) {
      addIfPresent(types, REACTIVE_SERVER_CONTEXT, classLoader);
      addIfPresent(types, WEBCLIENT_CONTEXT, classLoader);
    }
    if (agent || isInstrumentationEnabled(environment, "spring-web")) {
      addIfPresent(types, HTTP_CLIENT_CONTEXT, classLoader);
    }
    return types;
  }

  /** The rule of OpenTelemetry's starter for {@code otel.instrumentation.<module>.enabled}. */
  private static boolean isInstrumentationEnabled(Environment environment, String module) {
    boolean byDefault =
        environment.getProperty("otel.instrumentation.common.default-enabled", Boolean.class, true);
    return environment.getProperty(
        "otel.instrumentation." + module + ".enabled", Boolean.class, byDefault);
  }

  private static void addIfPresent(
      List<Class<?>> types, String className, ClassLoader classLoader) {
    if (ClassUtils.isPresent(className, classLoader)) {
      types.add(ClassUtils.resolveClassName(className, classLoader));
    }
  }

  /**
   * Without Spring Boot's Micrometer Tracing module (for example with just Actuator), nothing would
   * turn observations into spans: register Micrometer's tracing handlers ourselves, in one
   * first-match group as Boot does, behind the claiming handler.
   */
  @Configuration(proxyBeanMethods = false)
  // Spring Boot's tracing handlers; where present, Boot registers them around our tracer.
  @ConditionalOnMissingClass({
    SpringBootAutoConfigurations.MICROMETER_TRACING,
    SpringBootAutoConfigurations.BOOT3_MICROMETER_TRACING
  })
  static class TracingHandlersConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "checklyTracingObservationHandler")
    FirstMatchingCompositeObservationHandler checklyTracingObservationHandler(
        InstrumentedElsewhereObservationHandler instrumentedElsewhere,
        Tracer tracer,
        Propagator propagator) {
      return new FirstMatchingCompositeObservationHandler(
          instrumentedElsewhere,
          new PropagatingReceiverTracingObservationHandler<>(tracer, propagator),
          new PropagatingSenderTracingObservationHandler<>(tracer, propagator),
          new DefaultTracingObservationHandler(tracer));
    }
  }
}
