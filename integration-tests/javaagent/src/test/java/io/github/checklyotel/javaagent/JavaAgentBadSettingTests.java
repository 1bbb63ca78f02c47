package io.github.checklyotel.javaagent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A bad Checkly setting under the agent, read by both the extension and the starter: the agent
 * refuses to start, with a message that names the setting; the starter, which then finds no running
 * agent, does not claim one, and stops the application with its failure analysis. Neither shows the
 * secret.
 */
class JavaAgentBadSettingTests {

  private static final String SECRET = "not visible";

  @Test
  void agentAndApplicationStopNamingTheSetting() {
    String log =
        SampleJarApplication.runToFailure(
            "bad-setting",
            SampleJarApplication.underAgent(true),
            Map.of("CHECKLY_RATE_LIMIT_BURST", "0", "CHECKLY_ORIGIN_SECRET", SECRET));
    assertThat(log)
        .contains("OpenTelemetry Javaagent failed to start")
        .contains("Invalid value '0' for checkly.rate-limit.burst: It must be at least 1.")
        .contains("APPLICATION FAILED TO START")
        .contains("checkly.rate-limit.burst")
        .doesNotContain("The OpenTelemetry Java agent is attached")
        .doesNotContain(SECRET);
  }

  /** An empty secret would turn strict mode off: the agent and the application both refuse it. */
  @Test
  void anOriginSecretSetButEmptyStopsBoth() {
    String log =
        SampleJarApplication.runToFailure(
            "empty-secret",
            SampleJarApplication.underAgent(true),
            Map.of("CHECKLY_ORIGIN_SECRET", ""));
    assertThat(log)
        .contains("OpenTelemetry Javaagent failed to start")
        .contains("for checkly.origin.secret: It is set but empty")
        .contains("APPLICATION FAILED TO START")
        .contains("CHECKLY_ORIGIN_SECRET");
  }
}
