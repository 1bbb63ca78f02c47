package io.github.checklyotel.autoconfigure.internal.aot;

import io.github.checklyotel.autoconfigure.internal.ChecklyTracingMode;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains {@link AheadOfTimeModeMismatchException}: build and run in the same mode. */
public class AheadOfTimeModeFailureAnalyzer
    extends AbstractFailureAnalyzer<AheadOfTimeModeMismatchException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, AheadOfTimeModeMismatchException cause) {
    return new FailureAnalysis(
        "This application was processed ahead of time (Spring AOT) "
            + describe(cause.getBuiltFor())
            + ", but now runs "
            + describe(cause.getNow())
            + ". Under Spring AOT, the beans are chosen when the application is built, so the"
            + " Checkly starter cannot follow checkly.enabled (CHECKLY_ENABLED) or a Java agent"
            + " that differ at run time.",
        """
        Build and run the same way. Either:
            give spring-boot-maven-plugin's process-aot execution the run-time setting, e.g.
            <jvmArguments>-Dcheckly.enabled=false</jvmArguments>, or the agent's
            -javaagent:... option if the application runs under the OpenTelemetry Java agent;
            or start without Spring AOT (without -Dspring.aot.enabled=true).""",
        cause);
  }

  private static String describe(ChecklyTracingMode mode) {
    return switch (mode) {
      case STARTER -> "with Checkly tracing on (checkly.enabled=true, no Java agent)";
      case JAVA_AGENT -> "under the OpenTelemetry Java agent";
      case OFF -> "with Checkly tracing off (checkly.enabled=false)";
    };
  }
}
