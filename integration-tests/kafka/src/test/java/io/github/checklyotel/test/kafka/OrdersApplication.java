package io.github.checklyotel.test.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An order service with an asynchronous hop: {@code POST /orders/{id}} sends the order to a Kafka
 * topic and answers once the broker has it; a listener takes it from the topic and inserts it into
 * the database. One instance can do both, or two instances one each ({@code
 * orders.listener.enabled=false} on the producing one).
 */
@SpringBootApplication
public class OrdersApplication {

  @RestController
  static class OrderController {

    private final KafkaTemplate<String, String> kafkaTemplate;

    private final String topic;

    OrderController(
        KafkaTemplate<String, String> kafkaTemplate, @Value("${orders.topic}") String topic) {
      this.kafkaTemplate = kafkaTemplate;
      this.topic = topic;
    }

    @PostMapping("/orders/{id}")
    String order(@PathVariable String id) throws Exception {
      this.kafkaTemplate.send(this.topic, id, "order " + id).get(10, TimeUnit.SECONDS);
      return id;
    }
  }

  @Component
  static class OrderListener {

    private final JdbcTemplate jdbcTemplate;

    private final Deliveries deliveries;

    OrderListener(JdbcTemplate jdbcTemplate, Deliveries deliveries) {
      this.jdbcTemplate = jdbcTemplate;
      this.deliveries = deliveries;
    }

    @KafkaListener(topics = "${orders.topic}", autoStartup = "${orders.listener.enabled:true}")
    void onOrder(ConsumerRecord<String, String> record) {
      this.jdbcTemplate.update(
          "insert into received_order (order_id, payload) values (?, ?)",
          record.key(),
          record.value());
      this.deliveries.add(
          record.key(), new Delivery(header(record, "traceparent"), header(record, "tracestate")));
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
      Header header = record.headers().lastHeader(name);
      return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
    }
  }

  /** The trace headers a consumed message carried. */
  public record Delivery(String traceparent, String tracestate) {}

  /** The orders the listener consumed, once their insert is done, by order id. */
  @Component
  public static class Deliveries {

    private final Map<String, Delivery> deliveries = new ConcurrentHashMap<>();

    void add(String orderId, Delivery delivery) {
      this.deliveries.put(orderId, delivery);
    }

    /** The delivery of {@code orderId}, or {@code null} if it was not consumed yet. */
    public Delivery get(String orderId) {
      return this.deliveries.get(orderId);
    }
  }
}
