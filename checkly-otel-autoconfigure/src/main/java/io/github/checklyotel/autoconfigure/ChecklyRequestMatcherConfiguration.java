package io.github.checklyotel.autoconfigure;

import io.github.checklyotel.sampling.AdmittedTraces;
import io.github.checklyotel.web.ChecklyRequestMatcher;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.propagation.TextMapPropagator;
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
      ChecklyProperties properties, ObjectProvider<AdmittedTraces> admittedTraces) {
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
    return ChecklyRequestMatcher.withOriginSecret(
        origin.getHeaderName(), origin.getSecret(), admittedTraces.getIfAvailable());
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
