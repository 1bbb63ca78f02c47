package io.github.checklyotel.javaagent;

import static io.github.checklyotel.javaagent.CheckedTraces.assertCompleteOrderTrace;
import static io.github.checklyotel.test.TraceHeaders.PARENT_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.checklyotel.test.otlp.OtlpReceiver.ReceivedSpan;
import java.util.List;
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

  @BeforeAll
  static void start() {
    application =
        SampleJarApplication.start(
            "strict",
            SampleJarApplication.underAgent(true),
            Map.of("CHECKLY_ORIGIN_SECRET", SECRET));
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
    // Behind a marker, a check with the secret: the spoofed requests' spans, had they any, ended
    // before it and are in by now.
    List<ReceivedSpan> spans = application.exportedSpans();
    // The inventory call carries no secret: it comes back in as this instance's own call.
    assertCompleteOrderTrace(spans, PARENT_ID);
    assertThat(spans).extracting(ReceivedSpan::traceId).containsOnly(check);
    assertThat(application.log()).doesNotContain(SECRET).contains("origin=X-Checkly-Origin:******");
  }
}
