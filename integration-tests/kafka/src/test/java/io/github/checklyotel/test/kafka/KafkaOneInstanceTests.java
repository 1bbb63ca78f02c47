package io.github.checklyotel.test.kafka;

import static io.github.checklyotel.test.kafka.KafkaTraces.newTraceId;

import io.github.checklyotel.test.TraceHeaders;
import io.github.checklyotel.test.otlp.WithOtlpReceiver;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
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
class KafkaOneInstanceTests extends AbstractOneInstanceTests {

  static final String TOPIC = "orders-one-instance";

  @Override
  String topic() {
    return TOPIC;
  }

  @Test
  void checklyRequestIsOneWholeTraceThroughTheBroker() {
    assertOneWholeTrace();
  }

  @Test
  void plainRequestRecordsNothingOnEitherSideOfTheBroker() {
    assertNothingRecorded();
  }

  @Test
  void foreignRequestRecordsNothingOnEitherSideOfTheBroker() {
    assertNothingRecorded(
        "traceparent", TraceHeaders.traceparent(newTraceId()), "tracestate", "vendor=1");
  }
}
