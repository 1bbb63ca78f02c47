package io.github.checklyotel.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checklyotel.autoconfigure.internal.ChecklyTracingMode;
import org.junit.jupiter.api.Test;
import org.springframework.http.client.observation.ClientRequestObservationContext;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.mock.env.MockEnvironment;

class ChecklyObservationAutoConfigurationTests {

  private final ClassLoader classLoader = getClass().getClassLoader();

  @Test
  void claimsWhatOpenTelemetryInstrumentsByDefault() {
    assertThat(
            ChecklyObservationAutoConfiguration.instrumentedElsewhere(
                new MockEnvironment(), ChecklyTracingMode.STARTER, this.classLoader))
        .contains(ServerRequestObservationContext.class, ClientRequestObservationContext.class);
  }

  @Test
  void leavesToMicrometerWhatOpenTelemetryNoLongerInstruments() {
    MockEnvironment environment =
        new MockEnvironment()
            .withProperty("otel.instrumentation.spring-webmvc.enabled", "false")
            .withProperty("otel.instrumentation.spring-web.enabled", "false");
    assertThat(
            ChecklyObservationAutoConfiguration.instrumentedElsewhere(
                environment, ChecklyTracingMode.STARTER, this.classLoader))
        .doesNotContain(
            ServerRequestObservationContext.class, ClientRequestObservationContext.class);
  }

  @Test
  void followsOpenTelemetrysDefaultSwitch() {
    MockEnvironment environment =
        new MockEnvironment()
            .withProperty("otel.instrumentation.common.default-enabled", "false")
            .withProperty("otel.instrumentation.spring-webmvc.enabled", "true");
    assertThat(
            ChecklyObservationAutoConfiguration.instrumentedElsewhere(
                environment, ChecklyTracingMode.STARTER, this.classLoader))
        .containsExactly(ServerRequestObservationContext.class);
  }

  @Test
  void underTheJavaAgentClaimsEveryHttpObservationWhateverTheStartersSwitchesSay() {
    // The default the starter sets under the agent, which turns OpenTelemetry's starter off.
    MockEnvironment environment =
        new MockEnvironment().withProperty("otel.instrumentation.common.default-enabled", "false");
    assertThat(
            ChecklyObservationAutoConfiguration.instrumentedElsewhere(
                environment, ChecklyTracingMode.JAVA_AGENT, this.classLoader))
        .contains(
            ServerRequestObservationContext.class,
            ClientRequestObservationContext.class,
            org.springframework.http.server.reactive.observation.ServerRequestObservationContext
                .class,
            org.springframework.web.reactive.function.client.ClientRequestObservationContext.class);
  }
}
