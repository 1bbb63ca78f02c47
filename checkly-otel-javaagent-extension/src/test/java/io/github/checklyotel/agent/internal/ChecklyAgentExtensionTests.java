package io.github.checklyotel.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.github.checklyotel.propagation.internal.ChecklyContext;
import io.github.checklyotel.sampling.ChecklySampler;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The extension as the agent loads it: OpenTelemetry's SDK auto-configuration finds its providers
 * through the service files this module packages, and builds an SDK from properties as the agent
 * does from its system properties and variables.
 */
class ChecklyAgentExtensionTests {

  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

  private static final String TRACEPARENT = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";

  private AutoConfiguredOpenTelemetrySdk sdk;

  private ConfigProperties config;

  private Runnable restoreLogger = () -> {};

  @AfterEach
  void close() {
    this.restoreLogger.run();
    if (this.sdk != null) {
      this.sdk.getOpenTelemetrySdk().close();
    }
  }

  @Test
  void defaultsAreTheChecklySamplerAndTracesOnly() {
    build(Map.of());
    assertThat(sampler()).isInstanceOf(ChecklySampler.class);
    assertThat(sampler().getDescription())
        .isEqualTo("ChecklySampler{tracestate=checkly=true, limit=50.0/s, burst=100}");
    assertThat(this.config.getString("otel.metrics.exporter")).isEqualTo("none");
    assertThat(this.config.getString("otel.logs.exporter")).isEqualTo("none");
    assertThat(this.config.getBoolean("otel.instrumentation.runtime-telemetry.enabled")).isFalse();
    assertThat(this.config.getBoolean("otel.instrumentation.logback-appender.enabled")).isFalse();
  }

  @Test
  void settingsTheUserGivesWin() {
    List<LogRecord> logged = captureLog();
    build(
        Map.of(
            "otel.traces.sampler", "always_on",
            "otel.metrics.exporter", "console",
            "otel.instrumentation.logback-appender.enabled", "true"));
    assertThat(sampler()).isNotInstanceOf(ChecklySampler.class);
    assertThat(this.config.getString("otel.metrics.exporter")).isEqualTo("console");
    // Metrics are exported, so the runtime metrics that feed them stay on.
    assertThat(this.config.getString("otel.instrumentation.runtime-telemetry.enabled")).isNull();
    assertThat(this.config.getBoolean("otel.instrumentation.logback-appender.enabled")).isTrue();
    assertLoggedOnce(
        logged,
        Level.WARNING,
        "otel.traces.sampler is 'always_on'",
        "records requests that are not Checkly's");
  }

  @Test
  void startupLineSaysWhatIsRecorded() {
    List<LogRecord> logged = captureLog();
    build(Map.of("checkly.origin.secret", "s3cret"));
    assertLoggedOnce(
        logged,
        Level.INFO,
        "recording only requests with tracestate checkly=true",
        "origin=X-Checkly-Origin:******");
    assertThat(logged.get(0).getMessage()).doesNotContain("s3cret");
  }

  private static void assertLoggedOnce(List<LogRecord> logged, Level level, String... parts) {
    assertThat(logged).hasSize(1);
    assertThat(logged.get(0).getLevel()).isEqualTo(level);
    assertThat(logged.get(0).getMessage()).contains(parts);
  }

  /** Collects what the customizer logs, instead of printing it. */
  private List<LogRecord> captureLog() {
    Logger logger = Logger.getLogger(ChecklyAgentCustomizer.class.getName());
    List<LogRecord> records = new CopyOnWriteArrayList<>();
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            records.add(record);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    logger.addHandler(handler);
    logger.setUseParentHandlers(false);
    this.restoreLogger =
        () -> {
          logger.removeHandler(handler);
          logger.setUseParentHandlers(true);
        };
    return records;
  }

  @Test
  void starterSettingsAreReadUnderTheirNamesAndAsVariables() {
    // CHECKLY_RATE_LIMIT_BURST reaches the agent's configuration as checkly.rate.limit.burst.
    build(
        Map.of(
            "checkly.rate-limit.traces-per-second", "5",
            "checkly.rate.limit.burst", "7",
            "checkly.origin.secret", "s3cret"));
    assertThat(sampler().getDescription())
        .isEqualTo(
            "ChecklySampler{tracestate=checkly=true, limit=5.0/s, burst=7, remoteMark=untrusted}");
  }

  @Test
  void badSettingFailsNamingItAndNeverShowsTheSecret() {
    assertThatExceptionOfType(ConfigurationException.class)
        .isThrownBy(() -> build(Map.of("checkly.rate-limit.burst", "0")))
        .withMessageContaining("checkly.rate-limit.burst");
    assertThatExceptionOfType(ConfigurationException.class)
        .isThrownBy(() -> build(Map.of("checkly.origin.secret", "my secret")))
        .withMessageContaining("checkly.origin.secret")
        .withMessageNotContaining("my secret");
  }

  @Test
  void w3cTraceContextIsReplacedByTheBoundary() {
    build(Map.of());
    TextMapPropagator propagator =
        this.sdk.getOpenTelemetrySdk().getPropagators().getTextMapPropagator();
    Context checkly =
        propagator.extract(
            Context.root(),
            Map.of("traceparent", TRACEPARENT, "tracestate", "vendor=1,checkly=true"),
            MapGetter.INSTANCE);
    assertThat(ChecklyContext.isChecklyRequest(checkly)).isTrue();
    assertThat(ChecklyContext.isJudgedTrace(checkly, TRACE_ID, true)).isTrue();
    assertThat(Span.fromContext(checkly).getSpanContext().getTraceId()).isEqualTo(TRACE_ID);
    Context foreign =
        propagator.extract(Context.root(), Map.of("traceparent", TRACEPARENT), MapGetter.INSTANCE);
    assertThat(ChecklyContext.isChecklyRequest(foreign)).isFalse();
    assertThat(ChecklyContext.foreignParent(foreign).getTraceId()).isEqualTo(TRACE_ID);
  }

  @Test
  void theBoundaryCanBeNamedAmongThePropagators() {
    build(Map.of("otel.propagators", "checkly,baggage"));
    Context checkly =
        this.sdk
            .getOpenTelemetrySdk()
            .getPropagators()
            .getTextMapPropagator()
            .extract(
                Context.root(),
                Map.of("traceparent", TRACEPARENT, "tracestate", "checkly=true"),
                MapGetter.INSTANCE);
    assertThat(ChecklyContext.isJudgedTrace(checkly, TRACE_ID, true)).isTrue();
  }

  @Test
  void propagatorsWithoutTheBoundaryAreReported() {
    List<LogRecord> logged = captureLog();
    build(Map.of("otel.propagators", "baggage"));
    assertLoggedOnce(logged, Level.WARNING, "otel.propagators=baggage", "nothing is recorded");
  }

  @Test
  void requestWithoutTraceHeadersIsLeftAsItCame() {
    build(Map.of());
    Context root = Context.root();
    assertThat(
            this.sdk
                .getOpenTelemetrySdk()
                .getPropagators()
                .getTextMapPropagator()
                .extract(root, Map.of("accept", "*/*"), MapGetter.INSTANCE))
        .isSameAs(root);
  }

  @Test
  void strictModeNeedsTheSecretAtTheBoundary() {
    build(Map.of("checkly.origin.secret", "s3cret", "checkly.origin.header-name", "X-Origin"));
    TextMapPropagator propagator =
        this.sdk.getOpenTelemetrySdk().getPropagators().getTextMapPropagator();
    Map<String, String> spoofed = Map.of("traceparent", TRACEPARENT, "tracestate", "checkly=true");
    assertThat(
            ChecklyContext.isChecklyRequest(
                propagator.extract(Context.root(), spoofed, MapGetter.INSTANCE)))
        .isFalse();
    Map<String, String> genuine = new HashMap<>(spoofed);
    genuine.put("x-origin", "s3cret");
    assertThat(
            ChecklyContext.isChecklyRequest(
                propagator.extract(Context.root(), genuine, MapGetter.INSTANCE)))
        .isTrue();
  }

  private void build(Map<String, String> properties) {
    this.sdk =
        AutoConfiguredOpenTelemetrySdk.builder()
            // As the agent's system properties and variables do, these win over the defaults.
            .addPropertiesCustomizer(config -> properties)
            .addPropertiesSupplier(() -> Map.of("otel.traces.exporter", "none"))
            // The configuration every provider was given, once all properties were merged.
            .addSamplerCustomizer(
                (sampler, config) -> {
                  this.config = config;
                  return sampler;
                })
            .build();
  }

  private Sampler sampler() {
    return this.sdk.getOpenTelemetrySdk().getSdkTracerProvider().getSampler();
  }

  /** Reads headers from a map with lower-case names, as servlet containers match them. */
  private enum MapGetter implements TextMapGetter<Map<String, String>> {
    INSTANCE;

    @Override
    public Iterable<String> keys(Map<String, String> carrier) {
      return carrier.keySet();
    }

    @Override
    public String get(Map<String, String> carrier, String key) {
      return (carrier != null) ? carrier.get(key.toLowerCase(java.util.Locale.ROOT)) : null;
    }

    @Override
    public java.util.Iterator<String> getAll(Map<String, String> carrier, String key) {
      String value = get(carrier, key);
      return (value != null) ? List.of(value).iterator() : java.util.Collections.emptyIterator();
    }
  }
}
