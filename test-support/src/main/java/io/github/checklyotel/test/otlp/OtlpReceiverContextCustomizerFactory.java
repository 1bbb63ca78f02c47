package io.github.checklyotel.test.otlp;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/** Starts the receiver {@link WithOtlpReceiver} asks for, for each test context that asks. */
final class OtlpReceiverContextCustomizerFactory implements ContextCustomizerFactory {

  @Override
  public ContextCustomizer createContextCustomizer(
      Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
    MergedAnnotations annotations =
        MergedAnnotations.from(testClass, SearchStrategy.TYPE_HIERARCHY);
    if (!annotations.isPresent(WithOtlpReceiver.class)) {
      return null;
    }
    return new ReceiverCustomizer(
        annotations.get(WithOtlpReceiver.class).getEnum("value", WithOtlpReceiver.Transport.class));
  }

  private static final class ReceiverCustomizer implements ContextCustomizer {

    private final WithOtlpReceiver.Transport transport;

    ReceiverCustomizer(WithOtlpReceiver.Transport transport) {
      this.transport = transport;
    }

    @Override
    public void customizeContext(
        ConfigurableApplicationContext context, MergedContextConfiguration config) {
      OtlpReceiver receiver =
          (this.transport == WithOtlpReceiver.Transport.GRPC)
              ? OtlpGrpcReceiver.start()
              : OtlpHttpReceiver.start();
      context.getBeanFactory().registerSingleton("otlpReceiver", receiver);
      context
          .getEnvironment()
          .getPropertySources()
          .addFirst(
              new MapPropertySource(
                  "otlpReceiver",
                  Map.of(
                      "otel.exporter.otlp.endpoint", receiver.endpoint(),
                      "otel.exporter.otlp.protocol", receiver.protocol())));
      context.addApplicationListener(
          event -> {
            if (event instanceof ContextClosedEvent closed
                && closed.getApplicationContext() == context) {
              receiver.close();
            }
          });
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof ReceiverCustomizer customizer
          && customizer.transport == this.transport;
    }

    @Override
    public int hashCode() {
      return Objects.hash(this.transport);
    }
  }
}
