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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Producer and consumer in one instance, through a real broker: what a request of each kind leaves
 * behind, on both sides of the broker. Subclasses configure the mode and topic.
 */
abstract class AbstractOneInstanceTests {

  @Autowired OtlpHttpReceiver receiver;

  @Autowired ApplicationContext context;

  @Autowired Deliveries deliveries;

  @Autowired ChecklySampler sampler;

  @LocalServerPort int port;

  /** The topic the application sends its orders to. */
  abstract String topic();

  @BeforeEach
  void emptyReceiver() {
    flush(this.context);
    this.receiver.clear();
  }

  /**
   * Sends a Checkly request with {@code moreHeaders} and asserts one whole trace through the broker
   * (SERVER, PRODUCER, CONSUMER, INSERT), whose delivery came back as the instance's own message:
   * one trace admitted, not two.
   */
  void assertOneWholeTrace(String... moreHeaders) {
    String traceId = newTraceId();
    String orderId = newOrderId();
    long started = this.sampler.getTracesStarted();
    List<String> headers =
        new ArrayList<>(
            List.of(
                "traceparent", TraceHeaders.traceparent(traceId), "tracestate", "checkly=true"));
    headers.addAll(List.of(moreHeaders));

    order(this.port, orderId, headers.toArray(String[]::new));

    awaitSpans(this.receiver, traceId, 4);
    flush(this.context);
    assertWholeTrace(this.receiver.spans(), traceId, topic());
    assertThat(awaitDelivery(this.deliveries, orderId).tracestate()).isEqualTo("checkly=true");
    assertThat(this.sampler.getTracesStarted() - started).isEqualTo(1);
  }

  /**
   * Sends a request with {@code headers} and asserts that its message went through, was consumed
   * and inserted, with no mark to pass on, and that nothing was recorded on either side.
   */
  void assertNothingRecorded(String... headers) {
    String orderId = newOrderId();

    order(this.port, orderId, headers);

    assertUnmarked(awaitDelivery(this.deliveries, orderId));
    flush(this.context);
    assertThat(this.receiver.spans()).isEmpty();
  }
}
