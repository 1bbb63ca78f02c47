package io.github.checklyotel.javaagent;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checklyotel.test.otlp.OtlpReceiver.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.util.List;

/** What a complete trace of {@code GET /api/orders/1} in the sample application is. */
final class CheckedTraces {

  private CheckedTraces() {}

  /**
   * Asserts that {@code spans} are one whole trace of an order request: its server span under
   * {@code parentSpanId} (empty for a new trace), its JDBC query, the HTTP call to the inventory
   * API, and that API's server span and query under the call.
   */
  static void assertCompleteOrderTrace(List<ReceivedSpan> spans, String parentSpanId) {
    assertThat(spans).hasSize(5);
    assertThat(spans).extracting(ReceivedSpan::traceId).containsOnly(spans.get(0).traceId());
    ReceivedSpan order = single(spans, SpanKind.SPAN_KIND_SERVER, "GET /api/orders/{id}");
    ReceivedSpan orderQuery = single(spans, SpanKind.SPAN_KIND_CLIENT, "SELECT shop.orders");
    ReceivedSpan call = single(spans, SpanKind.SPAN_KIND_CLIENT, "GET");
    ReceivedSpan inventory = single(spans, SpanKind.SPAN_KIND_SERVER, "GET /api/inventory/{sku}");
    ReceivedSpan inventoryQuery = single(spans, SpanKind.SPAN_KIND_CLIENT, "SELECT shop.inventory");
    assertThat(order.parentSpanId()).isEqualTo(parentSpanId);
    assertThat(orderQuery.parentSpanId()).isEqualTo(order.spanId());
    assertThat(call.parentSpanId()).isEqualTo(order.spanId());
    assertThat(inventory.parentSpanId()).isEqualTo(call.spanId());
    assertThat(inventoryQuery.parentSpanId()).isEqualTo(inventory.spanId());
  }

  private static ReceivedSpan single(List<ReceivedSpan> spans, SpanKind kind, String name) {
    List<ReceivedSpan> matching =
        spans.stream().filter(span -> span.kind() == kind && span.name().equals(name)).toList();
    assertThat(matching).as("%s spans named '%s' in %s", kind, name, spans).hasSize(1);
    return matching.get(0);
  }
}
