package io.github.checklyotel.autoconfigure;

import io.github.checklyotel.sampling.ChecklySampler;
import io.github.checklyotel.sampling.OutgoingSpans;
import io.github.checklyotel.web.ChecklyRequestMatcher;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;
import org.springframework.util.function.SingletonSupplier;

/** The {@link ChecklyRequestMatcher} that the servlet and the reactive side share. */
@Configuration(proxyBeanMethods = false)
class ChecklyRequestMatcherConfiguration {

  @Bean
  @ConditionalOnMissingBean
  ChecklyRequestMatcher checklyRequestMatcher(
      ChecklyProperties properties, ObjectProvider<Sampler> sampler) {
    ChecklyProperties.Origin origin = properties.getOrigin();
    if (!StringUtils.hasLength(origin.getSecret())) {
      return ChecklyRequestMatcher.tracestateOnly();
    }
    if (!StringUtils.hasText(origin.getHeaderName())) {
      throw new InvalidConfigurationPropertyValueException(
          "checkly.origin.header-name",
          origin.getHeaderName(),
          "A header name is needed when checkly.origin.secret is set.");
    }
    if (!isVisibleAscii(origin.getSecret())) {
      // The value is a secret: never shown, not even here.
      throw new InvalidConfigurationPropertyValueException(
          "checkly.origin.secret",
          "******",
          "It must be printable ASCII without spaces: servlet containers read header values as"
              + " ISO-8859-1 and trim spaces, so any other secret could never match.");
    }
    // Requests coming back from this instance's own calls are known to the Checkly sampler only.
    OutgoingSpans outgoingSpans =
        (sampler.getIfAvailable() instanceof ChecklySampler checkly)
            ? checkly.getOutgoingSpans()
            : null;
    return ChecklyRequestMatcher.withOriginSecret(
        origin.getHeaderName(), origin.getSecret(), outgoingSpans);
  }

  private static boolean isVisibleAscii(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x21 || c > 0x7E) {
        return false;
      }
    }
    return true;
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
