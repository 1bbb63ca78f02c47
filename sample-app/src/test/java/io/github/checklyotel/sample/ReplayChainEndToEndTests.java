package io.github.checklyotel.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checklyotel.test.http.ReplayingThirdParty;
import io.github.checklyotel.test.http.TestHttp;
import io.github.checklyotel.test.otlp.OtlpHttpReceiver;
import io.github.checklyotel.test.otlp.OtlpReceiver.ReceivedSpan;
import io.github.checklyotel.test.otlp.OtlpReceiverExtension;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

  private final ReplayingThirdParty thirdParty = ReplayingThirdParty.start("/api/inventory/", "7");

  private ConfigurableApplicationContext service;

  @BeforeEach
  void emptyReceiver() {
    // The service of the previous test was closed, which flushed its spans.
    otlp.receiver().clear();
  }

  @AfterEach
  void stop() {
    if (this.service != null) {
      this.service.close();
    }
    this.thirdParty.close();
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
      HttpRequest request =
          TestHttp.request(port, "/api/orders/1")
              .header("traceparent", this.thirdParty.nextToReplay(Duration.ofSeconds(10)))
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
    assertThat(this.thirdParty.calls())
        .hasSize(1 + REPLAYS)
        .allSatisfy(call -> assertThat(call.traceparent()).startsWith("00-" + TRACE_ID + "-"));
    this.thirdParty.assertOnlyTheFirstCallsAreMarked(1 + ALLOWANCE);
  }

  private ConfigurableApplicationContext startService(boolean strict) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--server.port=0",
                "--spring.datasource.url=jdbc:h2:mem:replay-" + strict,
                "--sample.inventory-base-url=" + this.thirdParty.baseUrl(),
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
