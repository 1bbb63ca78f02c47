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
 * Strict mode, producer and consumer in one instance: the delivery of a message the instance sent
 * in a genuine check continues the check's trace, though the message carries no secret; a check
 * without the secret records nothing, and neither does its message's delivery.
 */
@SpringBootTest(
    classes = OrdersApplication.class,
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
      "orders.topic=" + KafkaOneInstanceStrictModeTests.TOPIC,
      "otel.service.name=orders",
      "checkly.origin.secret=" + KafkaOneInstanceStrictModeTests.SECRET
    })
@EmbeddedKafka(partitions = 1, topics = KafkaOneInstanceStrictModeTests.TOPIC)
@DirtiesContext
@WithOtlpReceiver
class KafkaOneInstanceStrictModeTests {

  static final String TOPIC = "orders-one-instance-strict";

  static final String SECRET = "kafka-s3cret";

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
  void checklyRequestWithTheSecretIsOneWholeTraceThroughTheBroker() {
    String traceId = newTraceId();
    String orderId = newOrderId();
    long started = this.sampler.getTracesStarted();

    order(
        this.port,
        orderId,
        "traceparent",
        TraceHeaders.traceparent(traceId),
        "tracestate",
        "checkly=true",
        "X-Checkly-Origin",
        SECRET);

    awaitSpans(this.receiver, traceId, 4);
    flush(this.context);
    assertWholeTrace(this.receiver.spans(), traceId, TOPIC);
    assertThat(awaitDelivery(this.deliveries, orderId).tracestate()).isEqualTo("checkly=true");
    assertThat(this.sampler.getTracesStarted() - started).isEqualTo(1);
  }

  @Test
  void checklyMarkWithoutTheSecretRecordsNothingOnEitherSideOfTheBroker() {
    String orderId = newOrderId();

    order(
        this.port,
        orderId,
        "traceparent",
        TraceHeaders.traceparent(newTraceId()),
        "tracestate",
        "checkly=true");

    // The message went through and was consumed, its insert done, with no mark to pass on.
    assertUnmarked(awaitDelivery(this.deliveries, orderId));
    flush(this.context);
    assertThat(this.receiver.spans()).isEmpty();
  }

  @Test
  void checklyMarkWithAWrongSecretRecordsNothingOnEitherSideOfTheBroker() {
    String orderId = newOrderId();

    order(
        this.port,
        orderId,
        "traceparent",
        TraceHeaders.traceparent(newTraceId()),
        "tracestate",
        "checkly=true",
        "X-Checkly-Origin",
        SECRET + "x");

    assertUnmarked(awaitDelivery(this.deliveries, orderId));
    flush(this.context);
    assertThat(this.receiver.spans()).isEmpty();
  }

  @Test
  void plainAndForeignRequestsRecordNothingOnEitherSideOfTheBroker() {
    String plain = newOrderId();
    String foreign = newOrderId();

    order(this.port, plain);
    order(
        this.port,
        foreign,
        "traceparent",
        TraceHeaders.traceparent(newTraceId()),
        "tracestate",
        "vendor=1",
        "X-Checkly-Origin",
        SECRET);

    assertUnmarked(awaitDelivery(this.deliveries, plain));
    assertUnmarked(awaitDelivery(this.deliveries, foreign));
    flush(this.context);
    assertThat(this.receiver.spans()).isEmpty();
  }
}
