package io.github.checklyotel.autoconfigure;

import io.github.checklyotel.sampling.ChecklyRequestMatcher;
import io.github.checklyotel.sampling.ChecklySampler;
import io.github.checklyotel.webflux.ChecklyOnlyWebFluxInstrumentation;
import io.opentelemetry.api.OpenTelemetry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
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

  // Static, and reading the environment rather than bound properties, as post-processors are
  // created before most beans.
  @Bean
  @ConditionalOnMissingBean
  static ChecklyOnlyWebFluxInstrumentation checklyOnlyWebFluxInstrumentation(
      ObjectProvider<ChecklyRequestMatcher> matcher,
      ObjectProvider<OpenTelemetry> openTelemetry,
      Environment environment,
      ConfigurableListableBeanFactory beanFactory) {
    boolean instrumentOtherRequests =
        environment.getProperty("checkly.web.instrument-other-requests", Boolean.class, false);
    boolean propagateForeignContext =
        environment.getProperty("checkly.web.propagate-foreign-context", Boolean.class, true);
    // Another sampler may keep other requests, so they only skip the filter under Checkly's.
    boolean checklySampler =
        beanFactory.getBeanNamesForType(ChecklySampler.class, true, false).length > 0;
    return new ChecklyOnlyWebFluxInstrumentation(
        matcher,
        openTelemetry,
        checklySampler && !instrumentOtherRequests,
        propagateForeignContext);
  }
}
