package io.github.checklyotel.autoconfigure.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checklyotel.sampling.ChecklySampler;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * What the starter says about the agent, from what it can check without one: which settings the
 * extension would miss, and a probe that records nothing where nothing is recorded.
 */
class JavaAgentReportTests {

  @Test
  void reportsOnlyExtensionSettingsTheApplicationsOwnConfigurationSets() {
    StandardEnvironment environment = new StandardEnvironment();
    environment
        .getPropertySources()
        .addLast(
            new MapPropertySource(
                "Config resource 'class path resource [application.yml]'",
                Map.of(
                    "checkly.rate-limit.burst", "10",
                    "checkly.origin.headerName", "X-Origin",
                    "checkly.web.instrument-other-requests", "true",
                    "checkly.enabled", "true",
                    "otel.service.name", "orders")));
    environment
        .getPropertySources()
        .addFirst(
            new MapPropertySource(
                StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME,
                Map.of("checkly.origin.secret", "s3cret")));
    assertThat(JavaAgentReport.settingsTheAgentDoesNotRead(environment))
        .containsExactly("checkly.origin.headerName", "checkly.rate-limit.burst");
  }

  @Test
  void theProbeTellsAnSdkThatRecordsOrdinaryRequestsFromOneThatDoesNot() {
    assertThat(JavaAgentReport.recordsOrdinaryRequests(OpenTelemetry.noop())).isFalse();
    try (OpenTelemetrySdk everything =
            OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().build())
                .build();
        OpenTelemetrySdk checklyOnly =
            OpenTelemetrySdk.builder()
                .setTracerProvider(
                    SdkTracerProvider.builder().setSampler(ChecklySampler.create()).build())
                .build()) {
      assertThat(JavaAgentReport.recordsOrdinaryRequests(everything)).isTrue();
      assertThat(JavaAgentReport.recordsOrdinaryRequests(checklyOnly)).isFalse();
    }
  }
}
