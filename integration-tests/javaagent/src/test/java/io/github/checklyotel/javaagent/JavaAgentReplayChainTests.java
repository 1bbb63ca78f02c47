package io.github.checklyotel.javaagent;

import static io.github.checklyotel.test.TraceHeaders.PARENT_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.checklyotel.test.http.ReplayingThirdParty;
import io.github.checklyotel.test.otlp.OtlpReceiver.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The replay chain under the agent with the extension, in strict mode: the inventory API the sample
 * application calls is a third party that replays the {@code traceparent} of every call it
 * receives, with {@code checkly=true} and without the secret, 200 times in a chain. The genuine
 * check and its allowance of 32 call-backs are recorded; the other replays record nothing and their
 * calls go on unsampled and unmarked.
 */
class JavaAgentReplayChainTests {

  private static final String SECRET = "agent-replay-s3cret";

  private static final int REPLAYS = 200;

  private static final int ALLOWANCE = 32;

  @Test
  void replaysOfEveryCallSeenRecordAtMostTheTracesAllowance() throws InterruptedException {
    try (ReplayingThirdParty thirdParty = ReplayingThirdParty.start("/api/inventory/", "7");
        SampleJarApplication application =
            SampleJarApplication.start(
                "replay",
                SampleJarApplication.underAgent(true),
                Map.of(
                    "CHECKLY_ORIGIN_SECRET",
                    SECRET,
                    "CHECKLY_RATE_LIMIT_TRACES_PER_SECOND",
                    "0.001",
                    "CHECKLY_RATE_LIMIT_BURST",
                    "1",
                    "SAMPLE_INVENTORY_BASE_URL",
                    thirdParty.baseUrl()))) {
      String check = "3af92f3577b34da6a3ce929d0e0e4736";
      assertThat(
              application
                  .get(
                      "/api/orders/1",
                      "traceparent",
                      "00-" + check + "-" + PARENT_ID + "-01",
                      "tracestate",
                      "checkly=true",
                      "X-Checkly-Origin",
                      SECRET)
                  .statusCode())
          .isEqualTo(200);
      for (int replay = 0; replay < REPLAYS; replay++) {
        String traceparent = thirdParty.nextToReplay(Duration.ofSeconds(10));
        assertThat(
                application
                    .get("/api/orders/1", "traceparent", traceparent, "tracestate", "checkly=true")
                    .statusCode())
            .isEqualTo(200);
      }
      // The barrier is the application's end, where the agent exports all it holds: a marker, a
      // check of its own, would find the rate limit's one trace taken and be recorded no more than
      // the replays (SampleJarApplication.stop()).
      application.stop();
      List<ReceivedSpan> spans = application.receiver().spans();
      assertThat(spans).extracting(ReceivedSpan::traceId).containsOnly(check);
      assertThat(servers(spans)).hasSize(1 + ALLOWANCE);
      assertThat(thirdParty.calls()).hasSize(1 + REPLAYS);
      thirdParty.assertOnlyTheFirstCallsAreMarked(1 + ALLOWANCE);
    }
  }

  private static List<ReceivedSpan> servers(List<ReceivedSpan> spans) {
    return spans.stream().filter(span -> span.kind() == SpanKind.SPAN_KIND_SERVER).toList();
  }
}
