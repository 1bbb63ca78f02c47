package io.github.checklyotel.sample;

import io.github.checklyotel.test.otlp.OtlpGrpcReceiver;
import io.github.checklyotel.test.otlp.OtlpReceiver;
import io.github.checklyotel.test.otlp.OtlpReceiverExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** End to end over OTLP/gRPC, configured through the traces-specific properties. */
class OtlpGrpcEndToEndTests extends AbstractEndToEndTests {

  @RegisterExtension
  static final OtlpReceiverExtension<OtlpGrpcReceiver> otlp = OtlpReceiverExtension.grpc();

  private static final OtlpGrpcReceiver receiver = otlp.receiver();

  @DynamicPropertySource
  static void exporter(DynamicPropertyRegistry registry) {
    registerExporter(registry, receiver, "otel.exporter.otlp.traces.");
  }

  @Override
  OtlpReceiver receiver() {
    return receiver;
  }
}
