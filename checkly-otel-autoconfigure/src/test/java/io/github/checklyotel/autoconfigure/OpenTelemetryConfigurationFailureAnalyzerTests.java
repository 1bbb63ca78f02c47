package io.github.checklyotel.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.instrumentation.spring.autoconfigure.OpenTelemetryAutoConfiguration;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

class OpenTelemetryConfigurationFailureAnalyzerTests {

  private static final String KEY = "cky_secret_0123456789";

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  ChecklyTracingAutoConfiguration.class, OpenTelemetryAutoConfiguration.class))
          .withPropertyValues("otel.exporter.otlp.headers=authorization=" + KEY);

  @Test
  void explainsInvalidEndpoint() {
    FailureAnalysis analysis = analyze("otel.exporter.otlp.endpoint=not a url");
    assertThat(analysis.getDescription())
        .contains("OTLP endpoint")
        .contains("not a url")
        .contains("OTEL_EXPORTER_OTLP_ENDPOINT");
    assertThat(analysis.getAction()).contains("OTEL_EXPORTER_OTLP_ENDPOINT");
  }

  @Test
  void explainsUnknownProtocol() {
    FailureAnalysis analysis =
        analyze(
            "otel.exporter.otlp.endpoint=http://127.0.0.1:4318",
            "otel.exporter.otlp.protocol=http/json5");
    assertThat(analysis.getDescription())
        .contains("http/json5")
        .contains("OTEL_EXPORTER_OTLP_PROTOCOL");
    assertThat(analysis.getAction()).contains("OTEL_EXPORTER_OTLP_PROTOCOL");
  }

  @Test
  void explainsMalformedHeaders() {
    FailureAnalysis analysis =
        analyze(
            "otel.exporter.otlp.endpoint=http://127.0.0.1:4318",
            "otel.exporter.otlp.headers=authorization" + KEY);
    assertThat(analysis.getDescription())
        .contains("Invalid map property")
        .contains("OTEL_EXPORTER_OTLP_HEADERS")
        .contains("without '='");
  }

  @Test
  void masksTheKeyWhereOpenTelemetryQuotesIt() {
    FailureAnalysis analysis =
        new OpenTelemetryConfigurationFailureAnalyzer()
            .analyze(
                new IllegalStateException(
                    "wrapper",
                    new io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException(
                        "Invalid map property: otel.exporter.otlp.headers=authorization=" + KEY)));
    assertThat(analysis.getDescription()).doesNotContain(KEY).contains("******");
    assertThat(analysis.getCause().getMessage()).doesNotContain(KEY);
    assertThat(analysis.getCause().getStackTrace()).isNotEmpty();
  }

  @Test
  void isRegisteredWithSpringBoot() {
    assertThat(
            SpringFactoriesLoader.forDefaultResourceLocation()
                .load(
                    FailureAnalyzer.class,
                    ArgumentResolver.none(),
                    // Others' analyzers may need constructor arguments; only ours matters here.
                    FailureHandler.logging(LogFactory.getLog(getClass()))))
        .hasAtLeastOneElementOfType(OpenTelemetryConfigurationFailureAnalyzer.class);
  }

  private FailureAnalysis analyze(String... properties) {
    FailureAnalysis[] analysis = new FailureAnalysis[1];
    this.runner
        .withPropertyValues(properties)
        .run(
            context -> {
              assertThat(context).hasFailed();
              analysis[0] =
                  new OpenTelemetryConfigurationFailureAnalyzer()
                      .analyze(context.getStartupFailure());
            });
    assertThat(analysis[0]).isNotNull();
    assertThat(analysis[0].getDescription()).doesNotContain(KEY);
    assertThat(analysis[0].getAction()).doesNotContain(KEY);
    return analysis[0];
  }
}
