package io.github.checklyotel.sample;

import static io.github.checklyotel.test.TraceHeaders.PARENT_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.github.checklyotel.sampling.ChecklySampler;
import io.github.checklyotel.test.http.TestHttp;
import io.github.checklyotel.test.otlp.OtlpHttpReceiver;
import io.github.checklyotel.test.otlp.OtlpReceiver.ReceivedSpan;
import io.github.checklyotel.test.otlp.OtlpReceiverExtension;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The boundary tried as an attacker and as a neighbour in a distributed system would: the sample
 * application on real ports, real HTTP clients, and a real OTLP receiver.
 *
 * <ul>
 *   <li>strict mode holds against spoofed Checkly headers, floods included;
 *   <li>a trace the cap refuses sends no mark downstream, and a trace re-entering the instance
 *       takes no second token;
 *   <li>other systems' trace context reaches the next hop unchanged.
 * </ul>
 */
class BoundaryEndToEndTests {

  private static final String SECRET = "boundary-s3cret";

  @RegisterExtension
  static final OtlpReceiverExtension<OtlpHttpReceiver> otlp = OtlpReceiverExtension.http();

  private static final OtlpHttpReceiver receiver = otlp.receiver();

  private final List<ConfigurableApplicationContext> started = new ArrayList<>();

  private HeaderRecorder downstream;

  @BeforeEach
  void emptyReceiver() {
    receiver.clear();
  }

  @AfterEach
  void stopServices() {
    this.started.forEach(ConfigurableApplicationContext::close);
    if (this.downstream != null) {
      this.downstream.close();
    }
  }

  @Test
  void strictModeRecordsNothingForChecklyHeadersWithoutTheSecret() throws Exception {
    assertSpoofedHeadersRecordNothing(start("strict", "--checkly.origin.secret=" + SECRET));
  }

  @Test
  void strictModeHoldsWhenOtherRequestsAreInstrumented() throws Exception {
    assertSpoofedHeadersRecordNothing(
        start(
            "strict-instrumented",
            "--checkly.origin.secret=" + SECRET,
            "--checkly.web.instrument-other-requests=true"));
  }

  private void assertSpoofedHeadersRecordNothing(ConfigurableApplicationContext app)
      throws Exception {
    int spoofed = 0;
    for (String flags : List.of("-00", "-01")) {
      for (int i = 0; i < 20; i++) {
        String traceparent = "00-" + traceId(++spoofed) + "-" + PARENT_ID + flags;
        assertThat(
                get(app, "/api/orders/1", "traceparent", traceparent, "tracestate", "checkly=true")
                    .statusCode())
            .isEqualTo(200);
        // With the wrong secret, too.
        assertThat(
                get(
                        app,
                        "/api/orders/1",
                        "traceparent",
                        traceparent,
                        "tracestate",
                        "checkly=true",
                        "X-Checkly-Origin",
                        "guess")
                    .statusCode())
            .isEqualTo(200);
      }
    }
    for (int i = 0; i < 20; i++) {
      assertThat(get(app, "/api/orders/1", "tracestate", "checkly=true").statusCode())
          .isEqualTo(200);
    }
    flush(app);
    assertThat(receiver.spans()).isEmpty();
    assertThat(sampler(app).getTracesStarted()).isZero();
  }

  @Test
  void aGenuineStrictCheckIsTracedWholeDuringAFloodOfSpoofedOnes() throws Exception {
    ConfigurableApplicationContext app =
        start(
            "strict-flood",
            "--checkly.origin.secret=" + SECRET,
            "--checkly.rate-limit.traces-per-second=1",
            "--checkly.rate-limit.burst=2");
    String genuine = traceId(9999);
    for (int i = 0; i < 200; i++) {
      get(
          app,
          "/api/orders/1",
          "traceparent",
          "00-" + traceId(i) + "-" + PARENT_ID + "-01",
          "tracestate",
          "checkly=true");
      if (i == 100) {
        assertThat(
                get(
                        app,
                        "/api/orders/1",
                        "traceparent",
                        "00-" + genuine + "-" + PARENT_ID + "-01",
                        "tracestate",
                        "checkly=true",
                        "X-Checkly-Origin",
                        SECRET)
                    .statusCode())
            .isEqualTo(200);
      }
    }
    // All five spans, the nested inventory call to itself (which carries no secret) included.
    List<ReceivedSpan> trace = awaitSpans(app, genuine, 5);
    assertThat(trace)
        .filteredOn(span -> span.kind() == SpanKind.SPAN_KIND_SERVER)
        .extracting(span -> span.attribute("http.route"))
        .containsExactlyInAnyOrder("/api/orders/{id}", "/api/inventory/{sku}");
    assertThat(receiver.spans()).extracting(ReceivedSpan::traceId).containsOnly(genuine);
  }

  @Test
  void aCallSeenByAThirdPartyLetsInOneReplayAtMost() throws Exception {
    ConfigurableApplicationContext app =
        startCallingRecorder("strict-replay", "--checkly.origin.secret=" + SECRET);
    String genuine = traceId(4242);
    get(
        app,
        "/api/orders/1",
        "traceparent",
        traceparent(genuine),
        "tracestate",
        "checkly=true",
        "X-Checkly-Origin",
        SECRET);
    // The recorder stands for a third-party API: it saw the call's traceparent and replays it.
    String seen = this.downstream.last().get("traceparent").get(0);
    assertThat(seen).contains(genuine);
    for (int i = 0; i < 5; i++) {
      get(app, "/api/orders/1", "traceparent", seen, "tracestate", "checkly=true");
    }
    flush(app);
    assertThat(receiver.spans())
        .filteredOn(span -> span.kind() == SpanKind.SPAN_KIND_SERVER)
        .extracting(ReceivedSpan::traceId)
        .containsExactly(genuine, genuine);
  }

  @Test
  void aServiceCallingItselfSpendsOneTokenPerTrace() throws Exception {
    ConfigurableApplicationContext app =
        start(
            "self-calling",
            "--checkly.rate-limit.traces-per-second=0.5",
            "--checkly.rate-limit.burst=4");
    int flood = 40;
    for (int i = 0; i < flood; i++) {
      get(
          app,
          "/api/orders/1",
          "traceparent",
          "00-" + traceId(i) + "-" + PARENT_ID + "-01",
          "tracestate",
          "checkly=true");
    }
    flush(app);
    Map<String, List<ReceivedSpan>> traces = byTrace(receiver.spans());
    long admitted = sampler(app).getTracesStarted();
    assertThat(admitted).isBetween(4L, 8L);
    assertThat(traces).hasSize((int) admitted);
    // Every admitted trace is whole: both server spans, both queries, the call between them.
    assertThat(traces.values()).allSatisfy(spans -> assertThat(spans).hasSize(5));
    assertThat(sampler(app).getLimiter())
        .hasValueSatisfying(
            limiter -> assertThat(limiter.getRefusedCount()).isEqualTo(flood - admitted));
  }

  @Test
  void aFloodAcrossTwoServicesLeavesNoFragmentDownstream() throws Exception {
    ConfigurableApplicationContext inventory =
        start("inventory-b", "--checkly.rate-limit.enabled=false");
    ConfigurableApplicationContext orders =
        start(
            "orders-a",
            "--checkly.rate-limit.traces-per-second=0.5",
            "--checkly.rate-limit.burst=5",
            "--sample.inventory-base-url=http://127.0.0.1:" + port(inventory));
    int flood = 60;
    for (int i = 0; i < flood; i++) {
      get(
          orders,
          "/api/orders/1",
          "traceparent",
          "00-" + traceId(i) + "-" + PARENT_ID + "-01",
          "tracestate",
          "checkly=true");
    }
    flush(orders);
    flush(inventory);
    List<ReceivedSpan> spans = receiver.spans();
    Map<String, List<ReceivedSpan>> inA = byTrace(service(spans, "orders-a"));
    Map<String, List<ReceivedSpan>> inB = byTrace(service(spans, "inventory-b"));
    long admitted = sampler(orders).getTracesStarted();
    assertThat(admitted).isBetween(5L, 8L);
    assertThat(inA).hasSize((int) admitted);
    assertThat(inA.values()).allSatisfy(trace -> assertThat(trace).hasSize(3));
    // B records exactly the traces A admitted, each under A's client span: no orphan fragment.
    assertThat(inB.keySet()).isEqualTo(inA.keySet());
    inB.forEach(
        (traceId, trace) -> {
          ReceivedSpan call =
              inA.get(traceId).stream()
                  .filter(span -> span.kind() == SpanKind.SPAN_KIND_CLIENT)
                  .filter(span -> span.name().equals("GET"))
                  .findFirst()
                  .orElseThrow();
          assertThat(trace)
              .filteredOn(span -> span.kind() == SpanKind.SPAN_KIND_SERVER)
              .singleElement()
              .satisfies(server -> assertThat(server.parentSpanId()).isEqualTo(call.spanId()));
        });
    assertThat(sampler(inventory).getTracesStarted()).isEqualTo(admitted);
  }

  @Test
  void aRefusedTraceSendsNoMarkDownstream() throws Exception {
    ConfigurableApplicationContext app =
        startCallingRecorder(
            "refusing",
            "--checkly.rate-limit.traces-per-second=0.01",
            "--checkly.rate-limit.burst=1");
    for (int i = 0; i < 5; i++) {
      get(
          app,
          "/api/orders/1",
          "traceparent",
          "00-" + traceId(i) + "-" + PARENT_ID + "-01",
          "tracestate",
          "vendor=1,checkly=true");
    }
    List<Map<String, List<String>>> calls = this.downstream.requests();
    assertThat(calls).hasSize(5);
    // The admitted one carries the mark, sampled; the four refused carry neither.
    assertThat(calls.get(0).get("tracestate")).containsExactly("checkly=true,vendor=1");
    assertThat(calls.get(0).get("traceparent").get(0)).endsWith("1");
    assertThat(calls.subList(1, 5))
        .allSatisfy(
            call -> {
              assertThat(call.get("tracestate")).containsExactly("vendor=1");
              assertThat(call.get("traceparent").get(0))
                  .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[02]");
            });
  }

  @Test
  void otherSystemsTraceContextReachesTheNextHopUnchanged() throws Exception {
    ConfigurableApplicationContext app = startCallingRecorder("pass-through");
    for (String flags : List.of("01", "00", "03")) {
      String traceparent = "00-" + traceId(7) + "-" + PARENT_ID + "-" + flags;
      HttpRequest request =
          request(app, "/api/orders/1")
              .header("traceparent", traceparent)
              .header("tracestate", "rojo=00f067aa0ba902b7, congo=t61rcWkgMzE")
              .header("tracestate", "vendor@tenant=x")
              .header("baggage", "userId=alice,tier=gold")
              .build();
      assertThat(TestHttp.send(request).statusCode()).isEqualTo(200);
      Map<String, List<String>> received = this.downstream.last();
      assertThat(received.get("traceparent")).containsExactly(traceparent);
      // Unmodified: the lines combined, spaces and all.
      assertThat(received.get("tracestate"))
          .containsExactly("rojo=00f067aa0ba902b7, congo=t61rcWkgMzE,vendor@tenant=x");
      assertThat(String.join(",", received.get("baggage")))
          .contains("userId=alice")
          .contains("tier=gold");
    }
    flush(app);
    assertThat(receiver.spans()).isEmpty();
  }

  @Test
  void withoutAValidTraceparentTheNextHopGetsANewTrace() throws Exception {
    ConfigurableApplicationContext app = startCallingRecorder("new-trace");
    String valid = "00-" + traceId(8) + "-" + PARENT_ID + "-01";
    List<List<String>> sent =
        List.of(
            List.of(),
            List.of("traceparent", "00-" + traceId(8) + "-" + PARENT_ID + "-01-extra"),
            List.of("traceparent", valid, "traceparent", valid),
            List.of("tracestate", "vendor=1"));
    for (List<String> headers : sent) {
      get(app, "/api/orders/1", headers.toArray(String[]::new));
      Map<String, List<String>> received = this.downstream.last();
      assertThat(received.get("traceparent"))
          .singleElement()
          .asString()
          .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[02]")
          .doesNotContain(traceId(8));
      assertThat(received.get("tracestate")).isNull();
    }
    flush(app);
    assertThat(receiver.spans()).isEmpty();
  }

  @Test
  void traceStateCasesFromTheSpecificationOnBothPaths() throws Exception {
    ConfigurableApplicationContext app = startCallingRecorder("spec-cases");
    List<String> thirtyOne = new ArrayList<>();
    for (int i = 0; i < 31; i++) {
      thirtyOne.add("k" + i + "=v");
    }
    int n = 100;
    for (int position : new int[] {0, 15, 31}) {
      // 32 members with the mark: a Checkly request, and the mark moves to the left.
      List<String> members = new ArrayList<>(thirtyOne);
      members.add(position, "checkly=true");
      String traceId = traceId(++n);
      sendWithTracestate(app, traceId, String.join(",", members));
      List<String> out = List.of(this.downstream.last().get("tracestate").get(0).split(","));
      assertThat(out).hasSize(32).startsWith("checkly=true").containsAll(thirtyOne);
      awaitSpans(app, traceId, 3);

      // 33 members: an invalid header, so an ordinary request that passes on no trace state.
      List<String> tooMany = new ArrayList<>(members);
      tooMany.add(0, "extra=1");
      String otherTraceId = traceId(++n);
      sendWithTracestate(app, otherTraceId, String.join(",", tooMany));
      Map<String, List<String>> passed = this.downstream.last();
      assertThat(passed.get("traceparent")).containsExactly(traceparent(otherTraceId));
      assertThat(passed.get("tracestate")).isNull();
    }
    // Duplicated keys and empty members beside valid ones, over two lines: a service that records
    // writes the list anew, its mark at the left, one member per key.
    String checkly = traceId(++n);
    get(
        app,
        "/api/orders/1",
        "traceparent",
        traceparent(checkly),
        "tracestate",
        "a=1, ,,a=3",
        "tracestate",
        "\t,checkly=true,b=2");
    assertThat(this.downstream.last().get("tracestate")).containsExactly("checkly=true,a=1,b=2");
    awaitSpans(app, checkly, 3);
    String other = traceId(++n);
    get(
        app,
        "/api/orders/1",
        "traceparent",
        traceparent(other),
        "tracestate",
        "a=1, ,,a=3",
        "tracestate",
        "\t,checkly=false,b=2");
    // A hop that does not record passes the rest on as it came, duplicates included; the checkly
    // member is this service's to write: it never passes one on it did not honour.
    assertThat(this.downstream.last().get("tracestate")).containsExactly("a=1,a=3,b=2");
    // An invalid member anywhere: the header is discarded whole, and the mark in it with it.
    String invalid = traceId(++n);
    get(
        app,
        "/api/orders/1",
        "traceparent",
        traceparent(invalid),
        "tracestate",
        "a=1,Bad Key=2",
        "tracestate",
        "checkly=true,b==2");
    assertThat(this.downstream.last().get("traceparent")).containsExactly(traceparent(invalid));
    assertThat(this.downstream.last().get("tracestate")).isNull();
    flush(app);
    assertThat(receiver.spans())
        .extracting(ReceivedSpan::traceId)
        .doesNotContain(other)
        .doesNotContain(invalid);

    // Two traceparent headers are an invalid one: a Checkly request starts a new trace.
    String duplicated = traceId(++n);
    get(
        app,
        "/api/orders/1",
        "traceparent",
        traceparent(duplicated),
        "traceparent",
        traceparent(duplicated),
        "tracestate",
        "checkly=true");
    String sent = this.downstream.last().get("traceparent").get(0);
    // Sampled, and random: the SDK made the new trace id.
    assertThat(sent).doesNotContain(duplicated).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-03");
    assertThat(this.downstream.last().get("tracestate")).containsExactly("checkly=true");
    awaitSpans(app, sent.substring(3, 35), 3);
  }

  private void sendWithTracestate(
      ConfigurableApplicationContext app, String traceId, String tracestate) throws Exception {
    assertThat(
            get(app, "/api/orders/1", "traceparent", traceparent(traceId), "tracestate", tracestate)
                .statusCode())
        .isEqualTo(200);
  }

  /** Starts the application with its inventory calls going to a {@link HeaderRecorder}. */
  private ConfigurableApplicationContext startCallingRecorder(String serviceName, String... more) {
    this.downstream = HeaderRecorder.start();
    List<String> args = new ArrayList<>(List.of(more));
    args.add("--sample.inventory-base-url=" + this.downstream.baseUrl());
    return start(serviceName, args.toArray(String[]::new));
  }

  private ConfigurableApplicationContext start(String serviceName, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--server.port=0",
                "--otel.service.name=" + serviceName,
                "--otel.exporter.otlp.endpoint=" + receiver.endpoint(),
                "--otel.bsp.schedule.delay=100",
                // Eleven applications start here: only what goes wrong reaches the console.
                "--spring.main.banner-mode=off",
                "--logging.level.root=WARN",
                "--logging.level.io.github.checklyotel.sampling=ERROR",
                "--spring.datasource.url=jdbc:h2:mem:" + serviceName + ";DB_CLOSE_DELAY=-1"));
    args.addAll(List.of(more));
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(SampleApplication.class).run(args.toArray(String[]::new));
    this.started.add(context);
    return context;
  }

  private List<ReceivedSpan> awaitSpans(
      ConfigurableApplicationContext app, String traceId, int count) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                receiver.spans().stream().filter(span -> span.traceId().equals(traceId)).count()
                    >= count);
    flush(app);
    List<ReceivedSpan> trace =
        receiver.spans().stream().filter(span -> span.traceId().equals(traceId)).toList();
    assertThat(trace).hasSize(count);
    return trace;
  }

  private static Map<String, List<ReceivedSpan>> byTrace(List<ReceivedSpan> spans) {
    return spans.stream().collect(Collectors.groupingBy(ReceivedSpan::traceId));
  }

  private static List<ReceivedSpan> service(List<ReceivedSpan> spans, String name) {
    return spans.stream().filter(span -> span.serviceName().equals(name)).toList();
  }

  private static ChecklySampler sampler(ConfigurableApplicationContext app) {
    return app.getBean(ChecklySampler.class);
  }

  private static int port(ConfigurableApplicationContext app) {
    return app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
  }

  private static void flush(ConfigurableApplicationContext app) {
    ((OpenTelemetrySdk) app.getBean(OpenTelemetry.class))
        .getSdkTracerProvider()
        .forceFlush()
        .join(10, TimeUnit.SECONDS);
  }

  private static String traceId(int n) {
    return String.format("4bf92f3577b34da6%016x", n + 1);
  }

  private static String traceparent(String traceId) {
    return "00-" + traceId + "-" + PARENT_ID + "-01";
  }

  private HttpResponse<String> get(
      ConfigurableApplicationContext app, String path, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = request(app, path);
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return TestHttp.send(request.build());
  }

  private static HttpRequest.Builder request(ConfigurableApplicationContext app, String path) {
    return TestHttp.request(port(app), path).timeout(Duration.ofSeconds(10));
  }

  /**
   * Stands in for the inventory service: answers every call with a stock of 17 and records the
   * headers each call arrived with, every line of each.
   */
  static final class HeaderRecorder implements AutoCloseable {

    private final HttpServer server;

    private final ConcurrentLinkedQueue<Map<String, List<String>>> requests =
        new ConcurrentLinkedQueue<>();

    private HeaderRecorder(HttpServer server) {
      this.server = server;
    }

    static HeaderRecorder start() {
      try {
        HttpServer server =
            HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        HeaderRecorder recorder = new HeaderRecorder(server);
        server.createContext(
            "/",
            exchange -> {
              Map<String, List<String>> headers =
                  exchange.getRequestHeaders().entrySet().stream()
                      .collect(
                          Collectors.toMap(
                              entry -> entry.getKey().toLowerCase(java.util.Locale.ROOT),
                              entry -> List.copyOf(entry.getValue()),
                              (a, b) -> {
                                List<String> both = new ArrayList<>(a);
                                both.addAll(b);
                                return both;
                              }));
              recorder.requests.add(headers);
              byte[] body = "17".getBytes(StandardCharsets.UTF_8);
              exchange.getResponseHeaders().add("Content-Type", "application/json");
              exchange.sendResponseHeaders(200, body.length);
              try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
              }
            });
        server.start();
        return recorder;
      } catch (IOException ex) {
        throw new UncheckedIOException(ex);
      }
    }

    String baseUrl() {
      return "http://127.0.0.1:" + this.server.getAddress().getPort();
    }

    List<Map<String, List<String>>> requests() {
      return List.copyOf(this.requests);
    }

    Map<String, List<String>> last() {
      List<Map<String, List<String>>> all = requests();
      assertThat(all).isNotEmpty();
      return all.get(all.size() - 1);
    }

    @Override
    public void close() {
      this.server.stop(0);
    }
  }
}
