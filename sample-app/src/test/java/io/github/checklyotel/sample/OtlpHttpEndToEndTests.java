package io.github.checklyotel.sample;

import io.github.checklyotel.test.otlp.OtlpHttpReceiver;
import io.github.checklyotel.test.otlp.OtlpReceiver;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** End to end over OTLP/HTTP with protobuf bodies, the transport Checkly documents. */
class OtlpHttpEndToEndTests extends AbstractEndToEndTests {

  private static final OtlpHttpReceiver receiver = OtlpHttpReceiver.start();

  @DynamicPropertySource
  static void exporter(DynamicPropertyRegistry registry) {
    registerExporter(registry, receiver, "otel.exporter.otlp.");
    registry.add("otel.exporter.otlp.compression", () -> "gzip");
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
