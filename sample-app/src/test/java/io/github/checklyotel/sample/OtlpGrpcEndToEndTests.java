package io.github.checklyotel.sample;

import io.github.checklyotel.test.otlp.OtlpGrpcReceiver;
import io.github.checklyotel.test.otlp.OtlpReceiver;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** End to end over OTLP/gRPC, configured through the traces-specific properties. */
class OtlpGrpcEndToEndTests extends AbstractEndToEndTests {

  private static final OtlpGrpcReceiver receiver = OtlpGrpcReceiver.start();

  @DynamicPropertySource
  static void exporter(DynamicPropertyRegistry registry) {
    registerExporter(registry, receiver, "otel.exporter.otlp.traces.");
  }

  @AfterAll
  static void stopReceiver() {
    receiver.close();
  }

  @Override
  OtlpReceiver receiver() {
    return receiver;
  }
}
