package io.github.checklyotel.sample;

import io.github.checklyotel.test.otlp.OtlpHttpReceiver;
import io.github.checklyotel.test.otlp.OtlpReceiver;
import io.github.checklyotel.test.otlp.OtlpReceiverExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** End to end over OTLP/HTTP with protobuf bodies, the transport Checkly documents. */
class OtlpHttpEndToEndTests extends AbstractEndToEndTests {

  @RegisterExtension
  static final OtlpReceiverExtension<OtlpHttpReceiver> otlp = OtlpReceiverExtension.http();

  private static final OtlpHttpReceiver receiver = otlp.receiver();

  @DynamicPropertySource
  static void exporter(DynamicPropertyRegistry registry) {
    registerExporter(registry, receiver, "otel.exporter.otlp.");
    registry.add("otel.exporter.otlp.compression", () -> "gzip");
  }

  @Override
  OtlpReceiver receiver() {
    return receiver;
  }
}
