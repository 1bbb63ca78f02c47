package io.github.checklyotel.test.withoutbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * An application whose build left out OpenTelemetry's BOM stops at startup with a failure analysis
 * that names the versions found and the BOM to add, before OpenTelemetry fails on a missing class.
 * What this line of Spring Boot pins is in {@code expected.problem}, set by each module's POM.
 */
@ExtendWith(OutputCaptureExtension.class)
class WithoutOpenTelemetryBomTests {

  @Test
  void startupStopsWithAnAnalysisThatNamesTheBom(CapturedOutput output) {
    SpringApplication application = new SpringApplication(Application.class);
    application.setWebApplicationType(WebApplicationType.NONE);
    assertThatIllegalStateException()
        .isThrownBy(application::run)
        .withMessageContaining("OpenTelemetry libraries older than the Checkly starter needs");
    assertThat(output.getOut())
        .contains("APPLICATION FAILED TO START")
        .contains("do not match what the Checkly starter needs")
        .contains(System.getProperty("expected.problem"))
        .contains("<artifactId>opentelemetry-instrumentation-bom</artifactId>")
        .contains("<scope>import</scope>")
        // Stopped before OpenTelemetry's own classes failed.
        .doesNotContain("NoClassDefFoundError")
        .doesNotContain("ClassNotFoundException");
  }

  @SpringBootApplication
  static class Application {}
}
