package io.github.checklyotel.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.checklyotel.test.http.TestHttp;
import io.github.checklyotel.test.otlp.OtlpHttpReceiver;
import io.github.checklyotel.test.otlp.OtlpReceiver.ReceivedSpan;
import io.github.checklyotel.test.otlp.OtlpReceiverExtension;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two services, both with the starter, on real ports: the order service calls the inventory service
 * over HTTP. A Checkly request to the first is one trace across both.
 */
class CrossServiceEndToEndTests {

  private static final String TRACE_ID = "9af7651916cd43dd8448eb211c80319c";

  @RegisterExtension
  static final OtlpReceiverExtension<OtlpHttpReceiver> otlp = OtlpReceiverExtension.http();

  private static final OtlpHttpReceiver receiver = otlp.receiver();

  private static ConfigurableApplicationContext inventory;

  private static ConfigurableApplicationContext orders;

  @BeforeAll
  static void startServices() {
    inventory = start("inventory-service", "jdbc:h2:mem:inventory-db");
    orders =
        start(
            "orders-service",
            "jdbc:h2:mem:orders-db",
            "--sample.inventory-base-url=http://127.0.0.1:" + port(inventory));
  }

  @AfterAll
  static void stopServices() {
    orders.close();
    inventory.close();
  }

  @BeforeEach
  void emptyReceiver() {
    flush();
    receiver.clear();
  }

  @Test
  void checklyRequestIsOneTraceAcrossBothServices() throws Exception {
    HttpResponse<String> response = get("00-" + TRACE_ID + "-b7ad6b7169203331-01", "checkly=true");
    assertThat(response.statusCode()).isEqualTo(200);

    await().atMost(Duration.ofSeconds(10)).until(() -> receiver.spans().size() >= 5);
    flush();
    List<ReceivedSpan> spans = receiver.spans();

    assertThat(spans).hasSize(5).extracting(ReceivedSpan::traceId).containsOnly(TRACE_ID);
    assertThat(spans).filteredOn(span -> span.serviceName().equals("orders-service")).hasSize(3);
    ReceivedSpan call =
        spans.stream()
            .filter(span -> span.serviceName().equals("orders-service"))
            .filter(span -> span.kind() == SpanKind.SPAN_KIND_CLIENT && span.name().equals("GET"))
            .findFirst()
            .orElseThrow();
    ReceivedSpan inventoryServer =
        spans.stream()
            .filter(span -> span.serviceName().equals("inventory-service"))
            .filter(span -> span.kind() == SpanKind.SPAN_KIND_SERVER)
            .findFirst()
            .orElseThrow();
    assertThat(inventoryServer.parentSpanId()).isEqualTo(call.spanId());
    assertThat(inventoryServer.attribute("http.route")).isEqualTo("/api/inventory/{sku}");
    // The inventory service saw checkly=true on the incoming call.
    assertThat(inventoryServer.span().getTraceState()).isEqualTo("checkly=true");
    assertThat(spans)
        .filteredOn(span -> span.serviceName().equals("inventory-service"))
        .extracting(ReceivedSpan::parentSpanId)
        .contains(inventoryServer.spanId());
  }

  @Test
  void plainRequestsProduceNothingInEitherService() throws Exception {
    assertThat(get(null, null).statusCode()).isEqualTo(200);
    assertThat(get("00-" + TRACE_ID + "-b7ad6b7169203331-01", "vendor=1").statusCode())
        .isEqualTo(200);
    flush();
    assertThat(receiver.spans()).isEmpty();
  }

  private HttpResponse<String> get(String traceparent, String tracestate) throws Exception {
    HttpRequest.Builder request =
        TestHttp.request(port(orders), "/api/orders/1").timeout(Duration.ofSeconds(10));
    if (traceparent != null) {
      request.header("traceparent", traceparent);
    }
    if (tracestate != null) {
      request.header("tracestate", tracestate);
    }
    return TestHttp.send(request.build());
  }

  private static ConfigurableApplicationContext start(
      String serviceName, String databaseUrl, String... more) {
    String[] args = {
      "--server.port=0",
      "--otel.service.name=" + serviceName,
      "--otel.exporter.otlp.endpoint=" + receiver.endpoint(),
      "--otel.bsp.schedule.delay=100",
      "--spring.datasource.url=" + databaseUrl
    };
    String[] all = new String[args.length + more.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return new SpringApplicationBuilder(SampleApplication.class).run(all);
  }

  private static int port(ConfigurableApplicationContext context) {
    return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
  }

  private static void flush() {
    for (ConfigurableApplicationContext context : List.of(orders, inventory)) {
      ((OpenTelemetrySdk) context.getBean(OpenTelemetry.class))
          .getSdkTracerProvider()
          .forceFlush()
          .join(10, TimeUnit.SECONDS);
    }
  }
}
