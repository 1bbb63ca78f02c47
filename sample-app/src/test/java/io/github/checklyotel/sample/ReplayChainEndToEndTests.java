package io.github.checklyotel.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.github.checklyotel.test.http.TestHttp;
import io.github.checklyotel.test.otlp.OtlpHttpReceiver;
import io.github.checklyotel.test.otlp.OtlpReceiver.ReceivedSpan;
import io.github.checklyotel.test.otlp.OtlpReceiverExtension;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An attacker who sees everything the service sends out: the inventory API the order service calls
 * is a third party that replays the {@code traceparent} of every call it receives at the service,
 * with {@code tracestate: checkly=true} and without the origin secret. Each replay that is let in
 * makes a new call, whose {@code traceparent} is replayed in turn. One genuine check, then 200
 * replays, with a cap of one token: at most the trace's allowance of call-backs is recorded, and
 * what the service refuses it passes on neither marked nor sampled.
 */
class ReplayChainEndToEndTests {

  private static final String TRACE_ID = "5af7651916cd43dd8448eb211c80319c";

  private static final String SECRET = "replay-test-secret";

  private static final int REPLAYS = 200;

  private static final int ALLOWANCE = 32;

  @RegisterExtension
  static final OtlpReceiverExtension<OtlpHttpReceiver> otlp = OtlpReceiverExtension.http();

  /** The {@code traceparent} and {@code tracestate} of each call the third party received. */
  private final List<String[]> callsSeen = new CopyOnWriteArrayList<>();

  private final BlockingQueue<String> toReplay = new LinkedBlockingQueue<>();

  private HttpServer thirdParty;

  private ConfigurableApplicationContext service;

  @BeforeEach
  void startThirdParty() throws IOException {
    // The service of the previous test was closed, which flushed its spans.
    otlp.receiver().clear();
    this.thirdParty =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    this.thirdParty.createContext(
        "/api/inventory/",
        exchange -> {
          String traceparent = exchange.getRequestHeaders().getFirst("traceparent");
          String tracestate = exchange.getRequestHeaders().getFirst("tracestate");
          this.callsSeen.add(new String[] {traceparent, tracestate});
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
  void stop() {
    if (this.service != null) {
      this.service.close();
    }
    this.thirdParty.stop(0);
  }

  @ParameterizedTest(name = "strict mode: {0}")
  @ValueSource(booleans = {true, false})
  void replaysOfEveryCallSeenRecordAtMostTheTracesAllowance(boolean strict) throws Exception {
    this.service = startService(strict);
    int port =
        this.service.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    HttpRequest.Builder genuine =
        TestHttp.request(port, "/api/orders/1")
            .header("traceparent", "00-" + TRACE_ID + "-b7ad6b7169203331-01")
            .header("tracestate", "checkly=true");
    if (strict) {
      genuine.header("X-Checkly-Origin", SECRET);
    }
    assertThat(TestHttp.send(genuine.build()).statusCode()).isEqualTo(200);

    for (int replay = 0; replay < REPLAYS; replay++) {
      String traceparent = this.toReplay.poll(10, TimeUnit.SECONDS);
      assertThat(traceparent).as("call %d seen by the third party", replay).isNotNull();
      HttpRequest request =
          TestHttp.request(port, "/api/orders/1")
              .header("traceparent", traceparent)
              .header("tracestate", "checkly=true")
              .build();
      assertThat(TestHttp.send(request).statusCode()).isEqualTo(200);
    }
    ((OpenTelemetrySdk) this.service.getBean(OpenTelemetry.class))
        .getSdkTracerProvider()
        .forceFlush()
        .join(10, TimeUnit.SECONDS);

    List<ReceivedSpan> spans = otlp.receiver().spans();
    assertThat(spans).extracting(ReceivedSpan::traceId).containsOnly(TRACE_ID);
    // The genuine request and its allowance of replays, each whole; nothing of the others.
    assertThat(spans)
        .filteredOn(span -> span.kind() == SpanKind.SPAN_KIND_SERVER)
        .hasSize(1 + ALLOWANCE);
    assertThat(spans)
        .filteredOn(span -> span.kind() == SpanKind.SPAN_KIND_CLIENT)
        .filteredOn(span -> span.name().equals("GET"))
        .hasSize(1 + ALLOWANCE);
    assertThat(this.callsSeen).hasSize(1 + REPLAYS);
    for (int call = 0; call < this.callsSeen.size(); call++) {
      String traceparent = this.callsSeen.get(call)[0];
      String tracestate = this.callsSeen.get(call)[1];
      assertThat(traceparent).as("call %d", call).startsWith("00-" + TRACE_ID + "-");
      if (call <= ALLOWANCE) {
        assertThat(traceparent).as("call %d", call).endsWith("-01");
        assertThat(tracestate).as("call %d", call).isEqualTo("checkly=true");
      } else {
        // Refused: passed on neither sampled nor marked, so nobody downstream records it.
        assertThat(traceparent).as("call %d", call).endsWith("-00");
        assertThat(tracestate).as("call %d", call).isNull();
      }
    }
  }

  private ConfigurableApplicationContext startService(boolean strict) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--server.port=0",
                "--spring.datasource.url=jdbc:h2:mem:replay-" + strict,
                "--sample.inventory-base-url=http://127.0.0.1:"
                    + this.thirdParty.getAddress().getPort(),
                "--otel.service.name=replayed-orders",
                "--otel.exporter.otlp.endpoint=" + otlp.receiver().endpoint(),
                "--otel.bsp.schedule.delay=100",
                // One token: the genuine check takes it, no replay gets one.
                "--checkly.rate-limit.traces-per-second=0.001",
                "--checkly.rate-limit.burst=1"));
    if (strict) {
      args.add("--checkly.origin.secret=" + SECRET);
    }
    return new SpringApplicationBuilder(SampleApplication.class).run(args.toArray(new String[0]));
  }
}
