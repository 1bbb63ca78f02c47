package io.github.checklyotel.javaagent;

import static io.github.checklyotel.javaagent.CheckedTraces.assertCompleteOrderTrace;
import static io.github.checklyotel.javaagent.CheckedTraces.awaitTrace;
import static io.github.checklyotel.test.TraceHeaders.PARENT_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.checklyotel.test.otlp.OtlpReceiver;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Strict mode under the agent, set with the starter's variables: the agent's request getter lets
 * the extension's boundary read the secret header, and its own calls come back in without it.
 */
class JavaAgentStrictModeTests {

  private static final String SECRET = "agent-strict-s3cret";

  private static SampleJarApplication application;

  private static OtlpReceiver receiver;

  @BeforeAll
  static void start() {
    application =
        SampleJarApplication.start(
            "strict",
            SampleJarApplication.underAgent(true),
            Map.of("CHECKLY_ORIGIN_SECRET", SECRET));
    receiver = application.receiver();
  }

  @AfterAll
  static void stop() {
    application.close();
  }

  @Test
  void spoofedRequestsAreNotRecordedAndTheRealCheckIsWhole() {
    for (String presented : new String[] {null, "wrong-secret", SECRET + "x"}) {
      String traceId =
          "9af92f3577b34da6a3ce929d0e0e47"
              + (presented == null ? "00" : "0" + presented.length() % 10);
      if (presented == null) {
        application.get(
            "/api/orders/1",
            "traceparent",
            "00-" + traceId + "-" + PARENT_ID + "-01",
            "tracestate",
            "checkly=true");
      } else {
        application.get(
            "/api/orders/1",
            "traceparent",
            "00-" + traceId + "-" + PARENT_ID + "-01",
            "tracestate",
            "checkly=true",
            "X-Checkly-Origin",
            presented);
      }
    }
    String check = "aaf92f3577b34da6a3ce929d0e0e4736";
    application.get(
        "/api/orders/1",
        "traceparent",
        "00-" + check + "-" + PARENT_ID + "-01",
        "tracestate",
        "checkly=true",
        "X-Checkly-Origin",
        SECRET);
    // The inventory call carries no secret: it comes back in as this instance's own call.
    assertCompleteOrderTrace(awaitTrace(receiver, check, 5), PARENT_ID);
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(2))
        .until(() -> receiver.spans().stream().allMatch(span -> span.traceId().equals(check)));
    assertThat(application.log()).doesNotContain(SECRET).contains("origin=X-Checkly-Origin:******");
  }
}
