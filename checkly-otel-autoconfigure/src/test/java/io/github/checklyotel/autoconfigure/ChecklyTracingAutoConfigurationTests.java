package io.github.checklyotel.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.github.checklyotel.TestSpans;
import io.github.checklyotel.declarative.internal.ChecklyComponentProvider;
import io.github.checklyotel.export.ExportStatus;
import io.github.checklyotel.export.ExportTarget;
import io.github.checklyotel.export.internal.TraceLogSpanExporterProvider;
import io.github.checklyotel.propagation.internal.ChecklyContext;
import io.github.checklyotel.propagation.internal.HeaderLines;
import io.github.checklyotel.propagation.internal.W3CTraceState;
import io.github.checklyotel.sampling.ChecklySampler;
import io.github.checklyotel.sampling.OutgoingSpans;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.instrumentation.spring.autoconfigure.OpenTelemetryAutoConfiguration;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.DeclarativeConfigurationCustomizerProvider;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@ExtendWith(OutputCaptureExtension.class)
class ChecklyTracingAutoConfigurationTests {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(ChecklyTracingAutoConfiguration.class));

  /** With OpenTelemetry's own starter, which builds the SDK from what we contribute. */
  private final ApplicationContextRunner withOpenTelemetryStarter =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  ChecklyTracingAutoConfiguration.class, OpenTelemetryAutoConfiguration.class));

  @Test
  void contributesSamplerCustomizerAndLogExporter() {
    this.runner.run(
        context -> {
          assertThat(context).hasSingleBean(ChecklySampler.class);
          assertThat(context).hasSingleBean(ChecklyOpenTelemetryCustomizer.class);
          assertThat(context).hasSingleBean(TraceLogSpanExporterProvider.class);
          assertThat(context).hasSingleBean(ChecklyProperties.class);
          assertThat(context).doesNotHaveBean(OpenTelemetry.class);
        });
  }

  @Test
  void backsOffToUserSampler() {
    this.runner
        .withUserConfiguration(UserSamplerConfiguration.class)
        .run(
            context -> {
              assertThat(context).doesNotHaveBean(ChecklySampler.class);
              assertThat(context.getBean(ChecklyOpenTelemetryCustomizer.class).toString())
                  .contains("AlwaysOffSampler");
            });
  }

  @Test
  void backsOffToUserCustomizerAndExporterProvider() {
    this.runner
        .withUserConfiguration(UserCustomizerConfiguration.class)
        .run(
            context -> {
              assertThat(context).getBean("checklyOpenTelemetryCustomizer").isNull();
              assertThat(context)
                  .getBeans(ChecklyOpenTelemetryCustomizer.class)
                  .containsOnlyKeys("userCustomizer");
              assertThat(context)
                  .getBeans(TraceLogSpanExporterProvider.class)
                  .containsOnlyKeys("userExporterProvider");
            });
  }

  @Test
  void rateLimitIsConfigurable() {
    this.runner
        .withPropertyValues("checkly.rate-limit.traces-per-second=5", "checkly.rate-limit.burst=7")
        .run(
            context ->
                assertThat(context.getBean(ChecklySampler.class).getDescription())
                    .isEqualTo("ChecklySampler{tracestate=checkly=true, limit=5.0/s, burst=7}"));
  }

  @Test
  void rateLimitCanBeTurnedOff() {
    this.runner
        .withPropertyValues("checkly.rate-limit.enabled=false")
        .run(context -> assertThat(context.getBean(ChecklySampler.class).getLimiter()).isEmpty());
  }

  @Test
  void nonsensicalRateLimitFailsAtStartupWithAnAnalysis() {
    this.runner
        .withPropertyValues("checkly.rate-limit.traces-per-second=0")
        .run(
            context -> {
              // Spring Boot's own failure analyzer reports this exception with the property's
              // origin.
              assertThat(context).hasFailed();
              assertThat(context.getStartupFailure())
                  .rootCause()
                  .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                  .hasMessageContaining("checkly.rate-limit.traces-per-second")
                  .hasMessageContaining("positive");
            });
  }

  @Test
  void rateLimitWhoseBucketWouldNeverRefillFailsAtStartupWithAnAnalysis() {
    this.runner
        .withPropertyValues("checkly.rate-limit.traces-per-second=0.00000001")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(context.getStartupFailure())
                  .rootCause()
                  .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                  .hasMessageContaining("checkly.rate-limit.traces-per-second")
                  .hasMessageContaining("365 days")
                  .hasMessageContaining("burst of 100");
            });
  }

  @Test
  void reentryWindowOutOfBoundsFailsAtStartupWithAnAnalysis() {
    for (String window : new String[] {"0s", "-1m", "2d"}) {
      this.runner
          .withPropertyValues("checkly.reentry.window=" + window)
          .run(
              context ->
                  assertThat(context.getStartupFailure())
                      .rootCause()
                      .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                      .hasMessageContaining("checkly.reentry.window"));
    }
    this.runner
        .withPropertyValues("checkly.reentry.max-calls=0")
        .run(
            context ->
                assertThat(context.getStartupFailure())
                    .rootCause()
                    .hasMessageContaining("checkly.reentry.max-calls"));
  }

  @Test
  void declarativeConfigurationGetsTheChecklyComponentsAndTheModelRule() {
    this.runner
        .withPropertyValues("otel.file_format=1.1")
        .run(
            context -> {
              assertThat(context.getBeansOfType(ChecklyComponentProvider.class).values())
                  .extracting(ChecklyComponentProvider::getType)
                  .containsExactlyInAnyOrder(
                      Sampler.class, TextMapPropagator.class, SpanProcessor.class);
              assertThat(context).hasSingleBean(DeclarativeConfigurationCustomizerProvider.class);
              assertThat(
                      context
                          .getBean(
                              "checklySamplerComponentProvider", ChecklyComponentProvider.class)
                          .create(null))
                  .isSameAs(context.getBean(Sampler.class));
            });
    this.runner.run(context -> assertThat(context).doesNotHaveBean(ChecklyComponentProvider.class));
  }

  @Test
  void reentryMemoryIsConfigurableAndSharedWithTheSampler() {
    this.runner
        .withPropertyValues(
            "checkly.reentry.window=30s",
            "checkly.reentry.max-calls=100",
            "checkly.reentry.max-per-trace=7")
        .run(
            context -> {
              OutgoingSpans calls = context.getBean(OutgoingSpans.class);
              assertThat(calls.getWindow()).isEqualTo(Duration.ofSeconds(30));
              assertThat(calls.getCapacity()).isEqualTo(128);
              assertThat(calls.getCallBacksPerTrace()).isEqualTo(7);
              assertThat(context.getBean(ChecklySampler.class).getOutgoingSpans()).isSameAs(calls);
            });
  }

  @Test
  void theSdkTellsTheReentryMemoryAboutRecordedCalls() {
    this.withOpenTelemetryStarter.run(
        context -> {
          OutgoingSpans calls = context.getBean(OutgoingSpans.class);
          Tracer tracer = context.getBean(OpenTelemetry.class).getTracer("test");
          Span client = TestSpans.callOut(tracer);
          assertThat(client.getSpanContext().isSampled()).isTrue();
          assertThat(
                  calls.isCallBack(
                      client.getSpanContext().getTraceId(), client.getSpanContext().getSpanId()))
              .isTrue();
        });
  }

  @Test
  void strictModeSamplerTakesNoRemoteMarkOnTrust() {
    this.runner
        .withPropertyValues("checkly.origin.secret=s3cret")
        .run(
            context -> {
              ChecklySampler sampler = context.getBean(ChecklySampler.class);
              Context marked =
                  Context.root()
                      .with(
                          Span.wrap(
                              SpanContext.createFromRemoteParent(
                                  "4bf92f3577b34da6a3ce929d0e0e4736",
                                  "00f067aa0ba902b7",
                                  TraceFlags.getSampled(),
                                  W3CTraceState.parse("checkly=true"))));
              assertThat(
                      sampler
                          .shouldSample(
                              marked,
                              "4bf92f3577b34da6a3ce929d0e0e4736",
                              "GET",
                              SpanKind.SERVER,
                              Attributes.empty(),
                              List.of())
                          .getDecision())
                  .isEqualTo(SamplingDecision.DROP);
            });
  }

  @Test
  void openTelemetrysTraceContextPropagatorIsReplacedAndOthersKept() {
    Map<String, List<String>> headers =
        Map.of(
            "traceparent", List.of("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"),
            "tracestate", List.of("a=1", "b=2"),
            "baggage", List.of("tier=gold"));
    this.withOpenTelemetryStarter.run(
        context -> {
          TextMapPropagator propagator =
              context.getBean(OpenTelemetry.class).getPropagators().getTextMapPropagator();
          Context extracted = propagator.extract(Context.root(), headers, MULTI_LINE);
          // Both tracestate lines: OpenTelemetry's own propagator reads only the first.
          assertThat(Span.fromContext(extracted).getSpanContext().getTraceState().asMap())
              .containsOnlyKeys("a", "b");
          assertThat(Baggage.fromContext(extracted).getEntryValue("tier")).isEqualTo("gold");
        });
    this.withOpenTelemetryStarter
        .withPropertyValues("otel.propagators=baggage")
        .run(
            context ->
                assertThat(
                        context
                            .getBean(OpenTelemetry.class)
                            .getPropagators()
                            .getTextMapPropagator()
                            .fields())
                    .containsExactly("baggage"));
  }

  private static final TextMapGetter<Map<String, List<String>>> MULTI_LINE = HeaderLines.GETTER;

  @Test
  void offSwitchProvidesNoopOpenTelemetryAndNoSampler() {
    this.runner
        .withPropertyValues("checkly.enabled=false")
        .run(
            context -> {
              assertThat(context).doesNotHaveBean(Sampler.class);
              assertThat(context).doesNotHaveBean(AutoConfigurationCustomizerProvider.class);
              assertThat(context.getBean(OpenTelemetry.class).getTracerProvider())
                  .isSameAs(TracerProvider.noop());
            });
  }

  @Test
  void offSwitchBacksOffToUserOpenTelemetry() {
    this.runner
        .withPropertyValues("checkly.enabled=false")
        .withBean(
            "userOpenTelemetry",
            OpenTelemetry.class,
            () -> OpenTelemetry.propagating(ContextPropagators.noop()))
        .run(
            context ->
                assertThat(context)
                    .getBeans(OpenTelemetry.class)
                    .containsOnlyKeys("userOpenTelemetry"));
  }

  @Test
  void doesNothingWithoutOpenTelemetrySdk() {
    this.runner
        .withClassLoader(new FilteredClassLoader(Sampler.class))
        .run(
            context -> {
              assertThat(context).doesNotHaveBean(ChecklyOpenTelemetryCustomizer.class);
              assertThat(context).doesNotHaveBean(ChecklyProperties.class);
            });
  }

  @Test
  void openTelemetryStarterBuildsSdkWithChecklySamplerAndLogExporterByDefault(
      CapturedOutput output) {
    this.withOpenTelemetryStarter.run(
        context -> {
          OpenTelemetrySdk sdk = context.getBean(OpenTelemetrySdk.class);
          assertThat(sdk.getSdkTracerProvider().getSampler())
              .isSameAs(context.getBean(ChecklySampler.class));
          assertThat(context.getBean(ExportStatus.class).getTarget().exporters())
              .containsExactly(TraceLogSpanExporterProvider.NAME);
          // A Checkly span goes to the application log...
          String traceId = endCheckly(sdk);
          assertThat(output.getAll()).contains("Checkly trace " + traceId);
          // ...and with no metric reader, the SDK hands out no-op meters. (That no metrics or
          // logs reach an endpoint, the end-to-end tests check against a real receiver.)
          assertThat(sdk.getSdkMeterProvider().get("probe"))
              .isSameAs(MeterProvider.noop().get("probe"));
        });
  }

  @Test
  void configuredEndpointSelectsOtlpOverHttp(CapturedOutput output) throws IOException {
    List<String> received = new CopyOnWriteArrayList<>();
    HttpServer endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    endpoint.createContext(
        "/",
        exchange -> {
          received.add(
              exchange.getRequestMethod()
                  + " "
                  + exchange.getRequestURI().getPath()
                  + " "
                  + exchange.getRequestHeaders().getFirst("Content-Type"));
          exchange.getRequestBody().readAllBytes();
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    endpoint.start();
    try {
      this.withOpenTelemetryStarter
          .withPropertyValues(
              "otel.exporter.otlp.endpoint=http://127.0.0.1:" + endpoint.getAddress().getPort())
          .run(
              context -> {
                String traceId = endCheckly(context.getBean(OpenTelemetrySdk.class));
                assertThat(received).containsExactly("POST /v1/traces application/x-protobuf");
                assertThat(output.getAll()).doesNotContain("Checkly trace " + traceId);
              });
    } finally {
      endpoint.stop(0);
    }
  }

  @Test
  void configuredTracesEndpointAndGrpcSelectOtlpOverGrpc() {
    this.withOpenTelemetryStarter
        .withPropertyValues(
            "otel.exporter.otlp.traces.endpoint=http://127.0.0.1:4317",
            "otel.exporter.otlp.protocol=grpc")
        .run(
            context -> {
              ExportTarget target = context.getBean(ExportStatus.class).getTarget();
              assertThat(target.exporters()).containsExactly("otlp");
              assertThat(target.protocol()).isEqualTo("grpc");
              assertThat(target.endpoint()).isEqualTo("127.0.0.1:4317");
            });
  }

  @Test
  void blankEndpointCountsAsUnset() {
    this.withOpenTelemetryStarter
        .withPropertyValues("otel.exporter.otlp.endpoint=", "otel.exporter.otlp.headers=")
        .run(
            context ->
                assertThat(context.getBean(ExportStatus.class).getTarget().exporters())
                    .containsExactly(TraceLogSpanExporterProvider.NAME));
  }

  @Test
  void warnsOnceAboutABearerPrefixTowardsChecklyWithoutShowingTheKey(CapturedOutput output) {
    this.withOpenTelemetryStarter
        .withPropertyValues(
            "otel.exporter.otlp.endpoint=https://otel.eu-west-1.checklyhq.com",
            "otel.exporter.otlp.headers=authorization=Bearer cky_bearer_key_123")
        .run(context -> assertThat(context).hasNotFailed());
    assertThat(output.getOut().split("starts with 'Bearer '", -1)).hasSize(2);
    assertThat(output.getOut()).doesNotContain("cky_bearer_key_123");
  }

  @Test
  void noBearerWarningTowardsOtherEndpoints(CapturedOutput output) {
    this.withOpenTelemetryStarter
        .withPropertyValues(
            "otel.exporter.otlp.endpoint=http://collector:4318",
            "otel.exporter.otlp.headers=authorization=Bearer token")
        .run(context -> assertThat(context).hasNotFailed());
    assertThat(output.getOut()).doesNotContain("Bearer '");
  }

  @Test
  void metricsExporterCanBeTurnedOnExplicitly() {
    this.withOpenTelemetryStarter
        .withPropertyValues(
            "otel.exporter.otlp.endpoint=http://127.0.0.1:4318", "otel.metrics.exporter=otlp")
        .run(
            context ->
                assertThat(
                        context.getBean(OpenTelemetrySdk.class).getSdkMeterProvider().get("probe"))
                    .isNotSameAs(MeterProvider.noop().get("probe")));
  }

  /** Ends the server span of a Checkly request, flushes, and returns its trace id. */
  private static String endCheckly(OpenTelemetrySdk sdk) {
    Span span =
        sdk.getTracer("test")
            .spanBuilder("GET /probe")
            .setSpanKind(SpanKind.SERVER)
            .setParent(ChecklyContext.markChecklyRequest(Context.root()))
            .startSpan();
    assertThat(span.isRecording()).isTrue();
    span.end();
    sdk.getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS);
    return span.getSpanContext().getTraceId();
  }

  @Test
  void offSwitchKeepsOpenTelemetryStarterFromBuildingAnSdk() {
    this.withOpenTelemetryStarter
        .withPropertyValues(
            "checkly.enabled=false", "otel.exporter.otlp.endpoint=http://127.0.0.1:4318")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean(OpenTelemetrySdk.class);
              assertThat(context.getBean(OpenTelemetry.class).getTracerProvider())
                  .isSameAs(TracerProvider.noop());
            });
  }

  @Configuration(proxyBeanMethods = false)
  static class UserSamplerConfiguration {
    @Bean
    Sampler userSampler() {
      return Sampler.alwaysOff();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class UserCustomizerConfiguration {
    @Bean
    ChecklyOpenTelemetryCustomizer userCustomizer() {
      return new ChecklyOpenTelemetryCustomizer(
          Sampler.alwaysOn(),
          java.util.Map.of(),
          new io.github.checklyotel.export.ExportStatus(),
          "every request");
    }

    @Bean
    TraceLogSpanExporterProvider userExporterProvider() {
      return new TraceLogSpanExporterProvider();
    }
  }
}
