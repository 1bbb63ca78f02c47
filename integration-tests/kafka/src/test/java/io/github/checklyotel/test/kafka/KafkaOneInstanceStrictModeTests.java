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
class KafkaOneInstanceStrictModeTests extends AbstractOneInstanceTests {

  static final String TOPIC = "orders-one-instance-strict";

  static final String SECRET = "kafka-s3cret";

  @Override
  String topic() {
    return TOPIC;
  }

  @Test
  void checklyRequestWithTheSecretIsOneWholeTraceThroughTheBroker() {
    assertOneWholeTrace("X-Checkly-Origin", SECRET);
  }

  @Test
  void checklyMarkWithoutTheSecretRecordsNothingOnEitherSideOfTheBroker() {
    assertNothingRecorded(
        "traceparent", TraceHeaders.traceparent(newTraceId()), "tracestate", "checkly=true");
  }

  @Test
  void checklyMarkWithAWrongSecretRecordsNothingOnEitherSideOfTheBroker() {
    assertNothingRecorded(
        "traceparent",
        TraceHeaders.traceparent(newTraceId()),
        "tracestate",
        "checkly=true",
        "X-Checkly-Origin",
        SECRET + "x");
  }

  @Test
  void plainAndForeignRequestsRecordNothingOnEitherSideOfTheBroker() {
    assertNothingRecorded();
    assertNothingRecorded(
        "traceparent",
        TraceHeaders.traceparent(newTraceId()),
        "tracestate",
        "vendor=1",
        "X-Checkly-Origin",
        SECRET);
  }
}
