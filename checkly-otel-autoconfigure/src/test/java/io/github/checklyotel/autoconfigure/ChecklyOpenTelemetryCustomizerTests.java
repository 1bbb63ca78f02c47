package io.github.checklyotel.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class ChecklyOpenTelemetryCustomizerTests {

  @Test
  void withoutEndpointTracesGoToTheLogAndOtherSignalsNowhere() {
    assertThat(ChecklyOpenTelemetryCustomizer.defaultProperties(new MockEnvironment()))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "otel.metrics.exporter", "none",
                "otel.logs.exporter", "none",
                "otel.traces.exporter", "checkly-log"));
  }

  @Test
  void blankEndpointIsNoEndpoint() {
    MockEnvironment environment =
        new MockEnvironment()
            .withProperty("otel.exporter.otlp.endpoint", " ")
            .withProperty("otel.exporter.otlp.traces.endpoint", "");
    assertThat(ChecklyOpenTelemetryCustomizer.defaultProperties(environment))
        .containsEntry("otel.traces.exporter", "checkly-log");
  }

  @Test
  void anyEndpointLeavesTheTracesExporterToOpenTelemetry() {
    for (String property :
        new String[] {"otel.exporter.otlp.endpoint", "otel.exporter.otlp.traces.endpoint"}) {
      MockEnvironment environment =
          new MockEnvironment().withProperty(property, "https://otel.eu-west-1.checklyhq.com");
      assertThat(ChecklyOpenTelemetryCustomizer.defaultProperties(environment))
          .doesNotContainKey("otel.traces.exporter")
          .containsEntry("otel.metrics.exporter", "none");
    }
  }

  @Test
  void hostOfDropsSchemeCredentialsAndPath() {
    assertThat(ChecklyOpenTelemetryCustomizer.hostOf("https://otel.eu-west-1.checklyhq.com"))
        .isEqualTo("otel.eu-west-1.checklyhq.com");
    assertThat(ChecklyOpenTelemetryCustomizer.hostOf("http://user:secret@collector:4318/v1/traces"))
        .isEqualTo("collector:4318");
    assertThat(ChecklyOpenTelemetryCustomizer.hostOf("collector:4317")).isEqualTo("collector:4317");
  }
}
