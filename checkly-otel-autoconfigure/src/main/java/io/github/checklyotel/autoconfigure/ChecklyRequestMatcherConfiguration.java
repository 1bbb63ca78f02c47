package io.github.checklyotel.autoconfigure;

import io.github.checklyotel.sampling.ChecklySampler;
import io.github.checklyotel.sampling.OutgoingSpans;
import io.github.checklyotel.sampling.internal.ChecklyRequestMatcher;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.function.SingletonSupplier;

/** The {@link ChecklyRequestMatcher} that the servlet and the reactive side share. */
@Configuration(proxyBeanMethods = false)
class ChecklyRequestMatcherConfiguration {

  @Bean
  @ConditionalOnMissingBean
  ChecklyRequestMatcher checklyRequestMatcher(
      ChecklyProperties properties, ObjectProvider<Sampler> sampler) {
    // Requests coming back from this instance's own calls are known to the Checkly sampler only.
    OutgoingSpans outgoingSpans =
        (sampler.getIfAvailable() instanceof ChecklySampler checkly)
            ? checkly.getOutgoingSpans()
            : null;
    return properties.toSamplingSettings().createMatcher(outgoingSpans);
  }

  /**
   * The application's propagators, which extract the context of requests that are not Checkly's,
   * looked up on first use; or {@code null} when that context is not to be passed on.
   */
  static Supplier<TextMapPropagator> foreignContextPropagator(
      ChecklyProperties properties, ObjectProvider<OpenTelemetry> openTelemetry) {
    if (!properties.getWeb().isPropagateForeignContext()) {
      return null;
    }
    return SingletonSupplier.of(
        () ->
            openTelemetry
                .getIfAvailable(OpenTelemetry::noop)
                .getPropagators()
                .getTextMapPropagator());
  }
}
