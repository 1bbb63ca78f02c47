package io.github.checklyotel.test.kafka;

import static io.github.checklyotel.test.kafka.KafkaTraces.assertUnmarked;
import static io.github.checklyotel.test.kafka.KafkaTraces.assertWholeTrace;
import static io.github.checklyotel.test.kafka.KafkaTraces.awaitDelivery;
import static io.github.checklyotel.test.kafka.KafkaTraces.awaitSpans;
import static io.github.checklyotel.test.kafka.KafkaTraces.flush;
import static io.github.checklyotel.test.kafka.KafkaTraces.newOrderId;
import static io.github.checklyotel.test.kafka.KafkaTraces.newTraceId;
import static io.github.checklyotel.test.kafka.KafkaTraces.order;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.checklyotel.sampling.ChecklySampler;
import io.github.checklyotel.test.TraceHeaders;
import io.github.checklyotel.test.kafka.OrdersApplication.Deliveries;
import io.github.checklyotel.test.otlp.OtlpHttpReceiver;
import io.github.checklyotel.test.otlp.WithOtlpReceiver;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Normal mode, producer and consumer in one instance, through a real broker: a Checkly request is
 * one whole trace, its message's delivery included; a plain or foreign request records nothing, on
 * either side of the broker.
 */
@SpringBootTest(
    classes = OrdersApplication.class,
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
      "orders.topic=" + KafkaOneInstanceTests.TOPIC,
      "otel.service.name=orders"
    })
@EmbeddedKafka(partitions = 1, topics = KafkaOneInstanceTests.TOPIC)
@DirtiesContext
@WithOtlpReceiver
class KafkaOneInstanceTests {

  static final String TOPIC = "orders-one-instance";

  @Autowired OtlpHttpReceiver receiver;

  @Autowired ApplicationContext context;

  @Autowired Deliveries deliveries;

  @Autowired ChecklySampler sampler;

  @LocalServerPort int port;

  @BeforeEach
  void emptyReceiver() {
    flush(this.context);
    this.receiver.clear();
  }

  @Test
  void checklyRequestIsOneWholeTraceThroughTheBroker() {
    String traceId = newTraceId();
    String orderId = newOrderId();
    long started = this.sampler.getTracesStarted();

    order(
        this.port,
        orderId,
        "traceparent",
        TraceHeaders.traceparent(traceId),
        "tracestate",
        "checkly=true");

    awaitSpans(this.receiver, traceId, 4);
    flush(this.context);
    assertWholeTrace(this.receiver.spans(), traceId, TOPIC);
    assertThat(awaitDelivery(this.deliveries, orderId).tracestate()).isEqualTo("checkly=true");
    // The delivery came back from the instance's own message: one trace admitted, not two.
    assertThat(this.sampler.getTracesStarted() - started).isEqualTo(1);
  }

  @Test
  void plainRequestRecordsNothingOnEitherSideOfTheBroker() {
    String orderId = newOrderId();

    order(this.port, orderId);

    assertUnmarked(awaitDelivery(this.deliveries, orderId));
    flush(this.context);
    assertThat(this.receiver.spans()).isEmpty();
  }

  @Test
  void foreignRequestRecordsNothingOnEitherSideOfTheBroker() {
    String orderId = newOrderId();

    order(
        this.port,
        orderId,
        "traceparent",
        TraceHeaders.traceparent(newTraceId()),
        "tracestate",
        "vendor=1");

    assertUnmarked(awaitDelivery(this.deliveries, orderId));
    flush(this.context);
    assertThat(this.receiver.spans()).isEmpty();
  }
}
