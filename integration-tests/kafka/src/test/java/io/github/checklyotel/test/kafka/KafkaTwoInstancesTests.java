package io.github.checklyotel.test.kafka;

import static io.github.checklyotel.test.kafka.KafkaTraces.assertUnmarked;
import static io.github.checklyotel.test.kafka.KafkaTraces.assertWholeTrace;
import static io.github.checklyotel.test.kafka.KafkaTraces.awaitDelivery;
import static io.github.checklyotel.test.kafka.KafkaTraces.awaitSpans;
import static io.github.checklyotel.test.kafka.KafkaTraces.newOrderId;
import static io.github.checklyotel.test.kafka.KafkaTraces.newTraceId;
import static io.github.checklyotel.test.kafka.KafkaTraces.order;
import static io.github.checklyotel.test.kafka.KafkaTraces.port;
import static io.github.checklyotel.test.kafka.KafkaTraces.sendBareMessage;
import static io.github.checklyotel.test.kafka.KafkaTraces.startInstance;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.checklyotel.test.TraceHeaders;
import io.github.checklyotel.test.kafka.KafkaTraces.WholeTrace;
import io.github.checklyotel.test.kafka.OrdersApplication.Deliveries;
import io.github.checklyotel.test.otlp.OtlpHttpReceiver;
import io.github.checklyotel.test.otlp.OtlpReceiverExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Normal mode, two instances of the order service through one broker: one takes the order and sends
 * it, the other consumes it into a database of its own. The consumer trusts the mark the producer's
 * message carries, so a Checkly request is one trace across both; plain and foreign requests and
 * messages record nothing in either.
 */
class KafkaTwoInstancesTests {

  private static final String TOPIC = "orders-two-instances";

  @RegisterExtension
  static final OtlpReceiverExtension<OtlpHttpReceiver> otlp = OtlpReceiverExtension.http();

  private static final OtlpHttpReceiver receiver = otlp.receiver();

  private static EmbeddedKafkaKraftBroker broker;

  private static ConfigurableApplicationContext producer;

  private static ConfigurableApplicationContext consumer;

  @BeforeAll
  static void start() {
    broker = new EmbeddedKafkaKraftBroker(1, 1, TOPIC);
    broker.afterPropertiesSet();
    consumer = startInstance("orders-consumer", receiver, broker.getBrokersAsString(), TOPIC);
    producer =
        startInstance(
            "orders-producer",
            receiver,
            broker.getBrokersAsString(),
            TOPIC,
            "--orders.listener.enabled=false");
  }

  @AfterAll
  static void stop() {
    KafkaTraces.stopAll(broker, producer, consumer);
  }

  @BeforeEach
  void emptyReceiver() {
    flush();
    receiver.clear();
  }

  @Test
  void checklyRequestIsOneTraceAcrossBothInstances() {
    String traceId = newTraceId();
    String orderId = newOrderId();

    order(
        port(producer),
        orderId,
        "traceparent",
        TraceHeaders.traceparent(traceId),
        "tracestate",
        "checkly=true");

    awaitSpans(receiver, traceId, 4);
    flush();
    WholeTrace trace = assertWholeTrace(receiver.spans(), traceId, TOPIC);
    assertThat(trace.server().serviceName()).isEqualTo("orders-producer");
    assertThat(trace.producer().serviceName()).isEqualTo("orders-producer");
    assertThat(trace.consumer().serviceName()).isEqualTo("orders-consumer");
    assertThat(trace.insert().serviceName()).isEqualTo("orders-consumer");
    assertThat(awaitDelivery(deliveries(consumer), orderId).tracestate()).isEqualTo("checkly=true");
  }

  @Test
  void plainAndForeignRequestsRecordNothingInEitherInstance() {
    String plain = newOrderId();
    String foreign = newOrderId();

    order(port(producer), plain);
    order(
        port(producer),
        foreign,
        "traceparent",
        TraceHeaders.traceparent(newTraceId()),
        "tracestate",
        "vendor=1");

    assertUnmarked(awaitDelivery(deliveries(consumer), plain));
    assertUnmarked(awaitDelivery(deliveries(consumer), foreign));
    flush();
    assertThat(receiver.spans()).isEmpty();
  }

  @Test
  void plainAndForeignMessagesRecordNothing() {
    String plain = newOrderId();
    String foreign = newOrderId();

    sendBareMessage(broker.getBrokersAsString(), TOPIC, plain);
    sendBareMessage(
        broker.getBrokersAsString(),
        TOPIC,
        foreign,
        "traceparent",
        TraceHeaders.traceparent(newTraceId()),
        "tracestate",
        "vendor=1");

    awaitDelivery(deliveries(consumer), plain);
    awaitDelivery(deliveries(consumer), foreign);
    flush();
    assertThat(receiver.spans()).isEmpty();
  }

  private static Deliveries deliveries(ConfigurableApplicationContext instance) {
    return instance.getBean(Deliveries.class);
  }

  private static void flush() {
    KafkaTraces.flush(producer, consumer);
  }
}
