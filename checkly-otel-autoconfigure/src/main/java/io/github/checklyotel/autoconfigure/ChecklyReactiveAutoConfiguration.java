package io.github.checklyotel.autoconfigure;

import io.github.checklyotel.sampling.internal.ChecklyRequestMatcher;
import io.github.checklyotel.webflux.internal.ChecklyOnlyWebFilterBeanPostProcessor;
import io.opentelemetry.api.OpenTelemetry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;

/**
 * Auto-configuration of the reactive side: OpenTelemetry's WebFlux server filter marks Checkly
 * requests for the sampler and, while the Checkly sampler is in charge, skips the others.
 */
@AutoConfiguration(after = ChecklyTracingAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.REACTIVE)
@ConditionalOnClass({WebFilter.class, Mono.class, OpenTelemetry.class})
@ConditionalOnChecklyTracing
@EnableConfigurationProperties(ChecklyProperties.class)
@Import(ChecklyRequestMatcherConfiguration.class)
public final class ChecklyReactiveAutoConfiguration {

  /**
   * Requests that are not Checkly's skip OpenTelemetry's filter; the fallback below, where they
   * must not, only marks Checkly requests.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnSkippingOtherRequests
  static class ChecklyOnlyWebFilterSkippingConfiguration {

    @Bean
    @ConditionalOnMissingBean
    static ChecklyOnlyWebFilterBeanPostProcessor checklyOnlyWebFilterBeanPostProcessor(
        ObjectProvider<ChecklyRequestMatcher> matcher,
        ObjectProvider<OpenTelemetry> openTelemetry,
        Environment environment) {
      return postProcessor(matcher, openTelemetry, environment, true);
    }
  }

  // Static, as post-processors are created before most beans; the properties are bound from the
  // environment for the same reason.
  @Bean
  @ConditionalOnMissingBean
  static ChecklyOnlyWebFilterBeanPostProcessor checklyOnlyWebFilterBeanPostProcessor(
      ObjectProvider<ChecklyRequestMatcher> matcher,
      ObjectProvider<OpenTelemetry> openTelemetry,
      Environment environment) {
    return postProcessor(matcher, openTelemetry, environment, false);
  }

  private static ChecklyOnlyWebFilterBeanPostProcessor postProcessor(
      ObjectProvider<ChecklyRequestMatcher> matcher,
      ObjectProvider<OpenTelemetry> openTelemetry,
      Environment environment,
      boolean skipOtherRequests) {
    return new ChecklyOnlyWebFilterBeanPostProcessor(
        matcher,
        skipOtherRequests,
        ChecklyRequestMatcherConfiguration.foreignContextPropagator(
            ChecklyProperties.bind(environment), openTelemetry));
  }
}
