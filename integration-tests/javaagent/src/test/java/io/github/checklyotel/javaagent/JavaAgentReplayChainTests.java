package io.github.checklyotel.javaagent;

import static io.github.checklyotel.test.TraceHeaders.PARENT_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.github.checklyotel.test.otlp.OtlpReceiver.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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

  private final List<String[]> callsSeen = new CopyOnWriteArrayList<>();

  private final BlockingQueue<String> toReplay = new LinkedBlockingQueue<>();

  private HttpServer thirdParty;

  @BeforeEach
  void startThirdParty() throws IOException {
    this.thirdParty =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    this.thirdParty.createContext(
        "/api/inventory/",
        exchange -> {
          String traceparent = exchange.getRequestHeaders().getFirst("traceparent");
          this.callsSeen.add(
              new String[] {traceparent, exchange.getRequestHeaders().getFirst("tracestate")});
          if (traceparent != null) {
            this.toReplay.add(traceparent);
          }
          byte[] body = "7".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    this.thirdParty.start();
  }

  @AfterEach
  void stopThirdParty() {
    this.thirdParty.stop(0);
  }

  @Test
  void replaysOfEveryCallSeenRecordAtMostTheTracesAllowance() throws InterruptedException {
    try (SampleJarApplication application =
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
                "http://127.0.0.1:" + this.thirdParty.getAddress().getPort()))) {
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
        String traceparent = this.toReplay.poll(10, TimeUnit.SECONDS);
        assertThat(traceparent).as("call %d seen by the third party", replay).isNotNull();
        assertThat(
                application
                    .get("/api/orders/1", "traceparent", traceparent, "tracestate", "checkly=true")
                    .statusCode())
            .isEqualTo(200);
      }
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> servers(application.receiver().spans()).size() >= 1 + ALLOWANCE);
      // A server span too many would arrive within a few export intervals.
      await().pollDelay(Duration.ofMillis(500)).until(() -> true);
      List<ReceivedSpan> spans = application.receiver().spans();
      assertThat(spans).extracting(ReceivedSpan::traceId).containsOnly(check);
      assertThat(servers(spans)).hasSize(1 + ALLOWANCE);
    }
    assertThat(this.callsSeen).hasSize(1 + REPLAYS);
    for (int call = 0; call < this.callsSeen.size(); call++) {
      String traceparent = this.callsSeen.get(call)[0];
      String tracestate = this.callsSeen.get(call)[1];
      if (call <= ALLOWANCE) {
        assertThat(traceparent).as("call %d", call).endsWith("-01");
        assertThat(tracestate).as("call %d", call).isEqualTo("checkly=true");
      } else {
        assertThat(traceparent).as("call %d", call).endsWith("-00");
        assertThat(tracestate).as("call %d", call).isNull();
      }
    }
  }

  private static List<ReceivedSpan> servers(List<ReceivedSpan> spans) {
    return spans.stream().filter(span -> span.kind() == SpanKind.SPAN_KIND_SERVER).toList();
  }
}
