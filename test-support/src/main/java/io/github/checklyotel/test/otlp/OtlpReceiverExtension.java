package io.github.checklyotel.test.otlp;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A test class's OTLP receiver: started when the class's static field is set, closed after its last
 * test. Register it as a static {@code @RegisterExtension} field, one per concrete test class, and
 * point the application at it from a {@code @DynamicPropertySource} method with {@link
 * #registerExporter}.
 */
public final class OtlpReceiverExtension<R extends OtlpReceiver> implements AfterAllCallback {

  private final R receiver;

  private OtlpReceiverExtension(R receiver) {
    this.receiver = receiver;
  }

  /** A receiver of OTLP/HTTP with protobuf bodies. */
  public static OtlpReceiverExtension<OtlpHttpReceiver> http() {
    return new OtlpReceiverExtension<>(OtlpHttpReceiver.start());
  }

  /** A receiver of OTLP/gRPC. */
  public static OtlpReceiverExtension<OtlpGrpcReceiver> grpc() {
    return new OtlpReceiverExtension<>(OtlpGrpcReceiver.start());
  }

  /** The receiver, to read what arrived or to make it misbehave. */
  public R receiver() {
    return this.receiver;
  }

  /**
   * Points OpenTelemetry's exporter at the receiver: {@code otel.exporter.otlp.endpoint} and {@code
   * .protocol}.
   */
  public void registerExporter(DynamicPropertyRegistry registry) {
    registerExporter(registry, "otel.exporter.otlp.");
  }

  /**
   * The same under another prefix, e.g. {@code otel.exporter.otlp.traces.} for the traces-only
   * settings.
   */
  public void registerExporter(DynamicPropertyRegistry registry, String prefix) {
    registry.add(prefix + "endpoint", this.receiver::endpoint);
    registry.add(prefix + "protocol", this.receiver::protocol);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    this.receiver.close();
  }
}
