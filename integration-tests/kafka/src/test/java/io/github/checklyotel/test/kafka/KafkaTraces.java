package io.github.checklyotel.test.kafka;

import static io.github.checklyotel.test.TraceHeaders.PARENT_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.checklyotel.test.http.TestHttp;
import io.github.checklyotel.test.kafka.OrdersApplication.Deliveries;
import io.github.checklyotel.test.kafka.OrdersApplication.Delivery;
import io.github.checklyotel.test.otlp.OtlpReceiver;
import io.github.checklyotel.test.otlp.OtlpReceiver.ReceivedSpan;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.core.ConditionTimeoutException;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** What the Kafka tests share: requests, messages, waiting, flushing, and the trace's shape. */
final class KafkaTraces {

  /** How long a message may take through the broker, a consumer group's first join included. */
  static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);

  private KafkaTraces() {}

  /**
   * Starts an instance of the order service on a free port, named {@code serviceName} (its consumer
   * group and in-memory database too), exporting to {@code receiver}, on {@code topic} of the
   * broker at {@code brokers}; {@code more} are further command-line arguments.
   */
  static ConfigurableApplicationContext startInstance(
      String serviceName, OtlpReceiver receiver, String brokers, String topic, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--server.port=0",
                "--otel.service.name=" + serviceName,
                "--otel.exporter.otlp.endpoint=" + receiver.endpoint(),
                "--otel.exporter.otlp.protocol=" + receiver.protocol(),
                "--spring.kafka.bootstrap-servers=" + brokers,
                "--spring.kafka.consumer.group-id=" + serviceName,
                "--spring.datasource.url=jdbc:h2:mem:" + serviceName + ";DB_CLOSE_DELAY=-1",
                "--orders.topic=" + topic));
    args.addAll(List.of(more));
    return new SpringApplicationBuilder(OrdersApplication.class).run(args.toArray(String[]::new));
  }

  /** The port an instance listens on. */
  static int port(ApplicationContext context) {
    return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
  }

  /** A fresh random trace id, so that no test sees another's trace. */
  static String newTraceId() {
    return UUID.randomUUID().toString().replace("-", "");
  }

  /** A fresh order id. */
  static String newOrderId() {
    return UUID.randomUUID().toString();
  }

  /** {@code POST /orders/{orderId}} with {@code headers} (name, value, ...); expects 200. */
  static void order(int port, String orderId, String... headers) {
    HttpResponse<String> response =
        TestHttp.send(
            TestHttp.request(port, "/orders/" + orderId, headers)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(orderId);
  }

  /**
   * Sends an order straight to the topic with a bare Kafka producer, no OpenTelemetry in sight,
   * with {@code headers} (name, value, ...) as the message's headers: what anyone who can write to
   * the topic can send.
   */
  static void sendBareMessage(String brokers, String topic, String orderId, String... headers) {
    ProducerRecord<String, String> record = new ProducerRecord<>(topic, orderId, "bare " + orderId);
    for (int i = 0; i < headers.length; i += 2) {
      record.headers().add(headers[i], headers[i + 1].getBytes(StandardCharsets.UTF_8));
    }
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers),
            new StringSerializer(),
            new StringSerializer())) {
      producer.send(record).get(10, TimeUnit.SECONDS);
    } catch (Exception ex) {
      throw new IllegalStateException("Could not send " + orderId, ex);
    }
  }

  /** Waits until the listener consumed {@code orderId} and did its insert. */
  static Delivery awaitDelivery(Deliveries deliveries, String orderId) {
    await().atMost(DELIVERY_TIMEOUT).until(() -> deliveries.get(orderId) != null);
    return deliveries.get(orderId);
  }

  /** Waits until the receiver holds at least {@code count} spans of {@code traceId}. */
  static void awaitSpans(OtlpReceiver receiver, String traceId, int count) {
    try {
      await()
          .atMost(DELIVERY_TIMEOUT)
          .until(() -> receiver.spans().stream().filter(inTrace(traceId)).count() >= count);
    } catch (ConditionTimeoutException ex) {
      throw new AssertionError(
          "Expected "
              + count
              + " spans of trace "
              + traceId
              + ", got:\n"
              + describe(receiver.spans()),
          ex);
    }
  }

  /** Exports whatever the applications' SDKs recorded and still hold. */
  static void flush(ApplicationContext... contexts) {
    for (ApplicationContext context : contexts) {
      ((OpenTelemetrySdk) context.getBean(OpenTelemetry.class))
          .getSdkTracerProvider()
          .forceFlush()
          .join(10, TimeUnit.SECONDS);
    }
  }

  /** A message that, consumed, must not be taken for a Checkly one downstream. */
  static void assertUnmarked(Delivery delivery) {
    assertThat(String.valueOf(delivery.tracestate())).doesNotContain("checkly");
  }

  /**
   * Asserts that {@code spans} are exactly one whole trace {@code traceId} through the broker:
   * SERVER (under the caller's {@link io.github.checklyotel.test.TraceHeaders#PARENT_ID}) →
   * PRODUCER → CONSUMER → the INSERT's CLIENT span, with the producer and consumer on {@code
   * topic}, each the parent of the next; and prints them, for the test's output file.
   */
  static WholeTrace assertWholeTrace(List<ReceivedSpan> spans, String traceId, String topic) {
    System.out.println("Trace " + traceId + ":\n" + describe(spans));
    assertThat(spans).extracting(ReceivedSpan::traceId).containsOnly(traceId);
    ReceivedSpan server = only(spans, SpanKind.SPAN_KIND_SERVER);
    ReceivedSpan producer = only(spans, SpanKind.SPAN_KIND_PRODUCER);
    ReceivedSpan consumer = only(spans, SpanKind.SPAN_KIND_CONSUMER);
    ReceivedSpan insert = only(spans, SpanKind.SPAN_KIND_CLIENT);
    assertThat(spans).hasSize(4);

    assertThat(server.parentSpanId()).isEqualTo(PARENT_ID);
    assertThat(server.attribute("http.route")).isEqualTo("/orders/{id}");
    assertThat(producer.parentSpanId()).isEqualTo(server.spanId());
    assertThat(producer.attribute("messaging.system")).isEqualTo("kafka");
    assertThat(producer.attribute("messaging.destination.name")).isEqualTo(topic);
    assertThat(consumer.parentSpanId()).isEqualTo(producer.spanId());
    assertThat(consumer.attribute("messaging.destination.name")).isEqualTo(topic);
    // The consumer saw the mark on the message and keeps it for what it calls.
    assertThat(consumer.span().getTraceState()).isEqualTo("checkly=true");
    assertThat(insert.parentSpanId()).isEqualTo(consumer.spanId());
    assertThat(insert.name()).startsWith("INSERT");
    return new WholeTrace(server, producer, consumer, insert);
  }

  /** One span per line: kind, name, service, span id, parent span id. */
  static String describe(List<ReceivedSpan> spans) {
    return spans.stream()
        .map(
            span ->
                "  "
                    + span.kind()
                    + " '"
                    + span.name()
                    + "' service="
                    + span.serviceName()
                    + " trace="
                    + span.traceId()
                    + " span="
                    + span.spanId()
                    + " parent="
                    + span.parentSpanId()
                    + " tracestate="
                    + span.span().getTraceState())
        .collect(Collectors.joining("\n"));
  }

  static Predicate<ReceivedSpan> inTrace(String traceId) {
    return span -> span.traceId().equals(traceId);
  }

  private static ReceivedSpan only(List<ReceivedSpan> spans, SpanKind kind) {
    List<ReceivedSpan> ofKind = spans.stream().filter(span -> span.kind() == kind).toList();
    assertThat(ofKind).as("%s spans in%n%s", kind, describe(spans)).hasSize(1);
    return ofKind.get(0);
  }

  /** The four spans of a whole trace through the broker. */
  record WholeTrace(
      ReceivedSpan server, ReceivedSpan producer, ReceivedSpan consumer, ReceivedSpan insert) {}

  /** Closes the instances that were started, then the broker, if it was. */
  static void stopAll(
      EmbeddedKafkaKraftBroker broker, ConfigurableApplicationContext... instances) {
    for (ConfigurableApplicationContext instance : instances) {
      if (instance != null) {
        instance.close();
      }
    }
    if (broker != null) {
      broker.destroy();
    }
  }
}
