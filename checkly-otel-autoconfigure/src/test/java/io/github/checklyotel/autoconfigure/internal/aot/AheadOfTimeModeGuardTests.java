package io.github.checklyotel.autoconfigure.internal.aot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

import io.github.checklyotel.autoconfigure.ChecklyProperties;
import io.github.checklyotel.autoconfigure.internal.ChecklyTracingMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.aot.AotDetector;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.mock.env.MockEnvironment;

/**
 * {@link AheadOfTimeModeGuard} and its failure analysis. An AOT-processed application that trips it
 * runs in {@code integration-tests/javaagent} ({@code AheadOfTimeTests}).
 */
class AheadOfTimeModeGuardTests {

  private final MockEnvironment environment = new MockEnvironment();

  @AfterEach
  void leaveAot() {
    System.clearProperty(AotDetector.AOT_ENABLED);
  }

  @Test
  void withoutAotThereIsNothingToCheck() {
    this.environment.setProperty("checkly.enabled", "false");
    assertThatNoException().isThrownBy(() -> guard(ChecklyTracingMode.STARTER));
  }

  @Test
  void underAotTheSameModePasses() {
    System.setProperty(AotDetector.AOT_ENABLED, "true");
    assertThatNoException().isThrownBy(() -> guard(ChecklyTracingMode.STARTER));
    this.environment.setProperty("checkly.enabled", "false");
    assertThatNoException().isThrownBy(() -> guard(ChecklyTracingMode.OFF));
  }

  @Test
  void underAotAnotherModeStopsTheApplication() {
    System.setProperty(AotDetector.AOT_ENABLED, "true");
    this.environment.setProperty("checkly.enabled", "false");
    assertThatExceptionOfType(AheadOfTimeModeMismatchException.class)
        .isThrownBy(() -> guard(ChecklyTracingMode.STARTER))
        .satisfies(
            (ex) -> {
              assertThat(ex.getBuiltFor()).isEqualTo(ChecklyTracingMode.STARTER);
              assertThat(ex.getNow()).isEqualTo(ChecklyTracingMode.OFF);
            });
  }

  @Test
  void theAnalysisSaysHowToBuildAndRunAlike() {
    FailureAnalysis analysis =
        new AheadOfTimeModeFailureAnalyzer()
            .analyze(
                new AheadOfTimeModeMismatchException(
                    ChecklyTracingMode.STARTER, ChecklyTracingMode.OFF));
    assertThat(analysis.getDescription())
        .contains("processed ahead of time (Spring AOT) with Checkly tracing on")
        .contains("now runs with Checkly tracing off (checkly.enabled=false)");
    assertThat(analysis.getAction())
        .contains("process-aot")
        .contains("-Dcheckly.enabled=false")
        .contains("-Dspring.aot.enabled=true");
  }

  private void guard(ChecklyTracingMode builtFor) {
    new AheadOfTimeModeGuard(
            builtFor,
            () ->
                ChecklyTracingMode.of(
                    Binder.get(this.environment).bindOrCreate("checkly", ChecklyProperties.class)))
        .postProcessBeanFactory(new DefaultListableBeanFactory());
  }
}
