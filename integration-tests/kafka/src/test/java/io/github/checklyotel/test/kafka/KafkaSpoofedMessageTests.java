package io.github.checklyotel.test.kafka;

import static io.github.checklyotel.test.kafka.KafkaTraces.awaitDelivery;
import static io.github.checklyotel.test.kafka.KafkaTraces.awaitSpans;
import static io.github.checklyotel.test.kafka.KafkaTraces.describe;
import static io.github.checklyotel.test.kafka.KafkaTraces.inTrace;
import static io.github.checklyotel.test.kafka.KafkaTraces.newOrderId;
import static io.github.checklyotel.test.kafka.KafkaTraces.newTraceId;
import static io.github.checklyotel.test.kafka.KafkaTraces.order;
import static io.github.checklyotel.test.kafka.KafkaTraces.port;
import static io.github.checklyotel.test.kafka.KafkaTraces.sendBareMessage;
import static io.github.checklyotel.test.kafka.KafkaTraces.startInstance;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.checklyotel.test.TraceHeaders;
import io.github.checklyotel.test.kafka.OrdersApplication.Deliveries;
import io.github.checklyotel.test.otlp.OtlpHttpReceiver;
import io.github.checklyotel.test.otlp.OtlpReceiver.ReceivedSpan;
import io.github.checklyotel.test.otlp.OtlpReceiverExtension;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Messages that claim to be Checkly's, written to the topic by anyone who can: a consumer in strict
 * mode records nothing of them, since only its own messages continue a trace there. A consumer in
 * normal mode trusts the mark, by design (within the cap): that is what lets a downstream service
 * join a check, and it shows that the spoofed message is one the instrumentation reads.
 */
class KafkaSpoofedMessageTests {

  private static final String STRICT_TOPIC = "orders-strict-consumer";

  private static final String TRUSTING_TOPIC = "orders-trusting-consumer";

  private static final String SECRET = "kafka-s3cret";

  @RegisterExtension
  static final OtlpReceiverExtension<OtlpHttpReceiver> otlp = OtlpReceiverExtension.http();

  private static final OtlpHttpReceiver receiver = otlp.receiver();

  private static EmbeddedKafkaKraftBroker broker;

  /** Strict mode, consuming {@link #STRICT_TOPIC}. */
  private static ConfigurableApplicationContext strictConsumer;

  /** Normal mode, consuming {@link #TRUSTING_TOPIC}. */
  private static ConfigurableApplicationContext trustingConsumer;

  /** Strict mode, taking genuine checks and sending to {@link #STRICT_TOPIC}, consuming nothing. */
  private static ConfigurableApplicationContext strictProducer;

  @BeforeAll
  static void start() {
    broker = new EmbeddedKafkaKraftBroker(1, 1, STRICT_TOPIC, TRUSTING_TOPIC);
    broker.afterPropertiesSet();
    String brokers = broker.getBrokersAsString();
    strictConsumer =
        startInstance(
            "strict-consumer",
            receiver,
            brokers,
            STRICT_TOPIC,
            "--checkly.origin.secret=" + SECRET);
    trustingConsumer = startInstance("trusting-consumer", receiver, brokers, TRUSTING_TOPIC);
    strictProducer =
        startInstance(
            "strict-producer",
            receiver,
            brokers,
            STRICT_TOPIC,
            "--checkly.origin.secret=" + SECRET,
            "--orders.listener.enabled=false");
  }

  @AfterAll
  static void stop() {
    KafkaTraces.stopAll(broker, strictProducer, trustingConsumer, strictConsumer);
  }

  @BeforeEach
  void emptyReceiver() {
    flush();
    receiver.clear();
  }

  @Test
  void spoofedMessagesRecordNothingAtAStrictConsumer() {
    String sampled = newOrderId();
    String unsampled = newOrderId();
    String withoutTraceparent = newOrderId();

    sendBareMessage(
        broker.getBrokersAsString(),
        STRICT_TOPIC,
        sampled,
        "traceparent",
        TraceHeaders.traceparent(newTraceId()),
        "tracestate",
        "checkly=true");
    sendBareMessage(
        broker.getBrokersAsString(),
        STRICT_TOPIC,
        unsampled,
        "traceparent",
        TraceHeaders.traceparent(newTraceId(), TraceHeaders.PARENT_ID, false),
        "tracestate",
        "checkly=true,vendor=1");
    sendBareMessage(
        broker.getBrokersAsString(),
        STRICT_TOPIC,
        withoutTraceparent,
        "tracestate",
        "checkly=true");

    awaitDelivery(deliveries(strictConsumer), sampled);
    awaitDelivery(deliveries(strictConsumer), unsampled);
    awaitDelivery(deliveries(strictConsumer), withoutTraceparent);
    flush();
    assertThat(receiver.spans()).isEmpty();
  }

  @Test
  void theSameMessageIsTrustedByAConsumerInNormalMode() {
    String traceId = newTraceId();
    String orderId = newOrderId();

    sendBareMessage(
        broker.getBrokersAsString(),
        TRUSTING_TOPIC,
        orderId,
        "traceparent",
        TraceHeaders.traceparent(traceId),
        "tracestate",
        "checkly=true");

    awaitSpans(receiver, traceId, 2);
    flush();
    List<ReceivedSpan> spans = receiver.spans();
    System.out.println("Trace " + traceId + ":\n" + describe(spans));
    assertThat(spans).hasSize(2).allMatch(inTrace(traceId));
    ReceivedSpan consumer =
        spans.stream().filter(span -> span.kind() == SpanKind.SPAN_KIND_CONSUMER).findFirst().get();
    ReceivedSpan insert =
        spans.stream().filter(span -> span.kind() == SpanKind.SPAN_KIND_CLIENT).findFirst().get();
    assertThat(consumer.serviceName()).isEqualTo("trusting-consumer");
    assertThat(consumer.parentSpanId()).isEqualTo(TraceHeaders.PARENT_ID);
    assertThat(insert.parentSpanId()).isEqualTo(consumer.spanId());
    assertThat(insert.name()).startsWith("INSERT");
  }

  @Test
  void aStrictConsumerDoesNotContinueAnotherInstancesCheck() {
    // Only the instance's own messages come back into a trace in strict mode: a genuine check
    // through another instance is recorded up to that instance's message, not past it.
    String traceId = newTraceId();
    String orderId = newOrderId();

    order(
        port(strictProducer),
        orderId,
        "traceparent",
        TraceHeaders.traceparent(traceId),
        "tracestate",
        "checkly=true",
        "X-Checkly-Origin",
        SECRET);

    assertThat(awaitDelivery(deliveries(strictConsumer), orderId).tracestate())
        .isEqualTo("checkly=true");
    flush();
    List<ReceivedSpan> spans = receiver.spans();
    System.out.println("Trace " + traceId + ":\n" + describe(spans));
    assertThat(spans)
        .extracting(ReceivedSpan::kind)
        .containsExactlyInAnyOrder(SpanKind.SPAN_KIND_SERVER, SpanKind.SPAN_KIND_PRODUCER);
    assertThat(spans).allMatch(inTrace(traceId));
    assertThat(spans).extracting(ReceivedSpan::serviceName).containsOnly("strict-producer");
  }

  private static Deliveries deliveries(ConfigurableApplicationContext instance) {
    return instance.getBean(Deliveries.class);
  }

  private static void flush() {
    KafkaTraces.flush(strictConsumer, trustingConsumer, strictProducer);
  }
}
