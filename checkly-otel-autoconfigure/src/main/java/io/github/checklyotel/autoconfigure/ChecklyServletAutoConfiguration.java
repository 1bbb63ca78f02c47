package io.github.checklyotel.autoconfigure;

import io.github.checklyotel.sampling.internal.ChecklyRequestMatcher;
import io.github.checklyotel.web.internal.ChecklyTraceStateFilter;
import io.opentelemetry.api.OpenTelemetry;
import jakarta.servlet.Filter;
import java.util.EnumSet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Auto-configuration of the servlet side: recognising Checkly requests, and running OpenTelemetry's
 * server filter for them alone.
 */
// After OpenTelemetry's Spring MVC instrumentation, for its filter; that one declares no order of
// its own, so OpenTelemetry's starter, whose OpenTelemetry bean it needs, is named first here.
@AutoConfiguration(
    after = ChecklyTracingAutoConfiguration.class,
    afterName = {
      SpringBootAutoConfigurations.OPENTELEMETRY_STARTER,
      SpringBootAutoConfigurations.OPENTELEMETRY_WEBMVC
    })
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass({Filter.class, OncePerRequestFilter.class})
@ConditionalOnChecklyTracing
@EnableConfigurationProperties(ChecklyProperties.class)
@Import(ChecklyRequestMatcherConfiguration.class)
public final class ChecklyServletAutoConfiguration {

  /**
   * A setting of the snapshots before 0.1.0. The boundary must decide before every tracing filter,
   * and Spring's and OpenTelemetry's sit at {@code HIGHEST_PRECEDENCE + 1}: no order but the first
   * works, so it is not a setting any more, and one left in a configuration stops startup rather
   * than being ignored.
   */
  static final String REMOVED_FILTER_ORDER = "checkly.web.filter-order";

  /** The registration that takes OpenTelemetry's server filter out of the container's chain. */
  static final String SERVER_FILTER_REGISTRATION = "checklyOtelWebMvcFilterRegistration";

  /**
   * The boundary. It runs the filter that {@link ChecklyOnlyServerFilterConfiguration} took out of
   * the container's chain, if any, for Checkly requests.
   */
  @Bean
  @ConditionalOnMissingBean
  ChecklyTraceStateFilter checklyTraceStateFilter(
      ChecklyProperties properties,
      ChecklyRequestMatcher matcher,
      ObjectProvider<OpenTelemetry> openTelemetry,
      @Qualifier(SERVER_FILTER_REGISTRATION)
          ObjectProvider<FilterRegistrationBean<?>> serverFilterRegistration,
      Environment environment) {
    refuseFilterOrder(environment);
    FilterRegistrationBean<?> takenOut = serverFilterRegistration.getIfAvailable();
    return new ChecklyTraceStateFilter(
        Ordered.HIGHEST_PRECEDENCE,
        matcher,
        ChecklyRequestMatcherConfiguration.foreignContextPropagator(properties, openTelemetry),
        (takenOut != null && !takenOut.isEnabled()) ? takenOut.getFilter() : null);
  }

  private static void refuseFilterOrder(Environment environment) {
    Binder.get(environment)
        .bind(REMOVED_FILTER_ORDER, String.class)
        .ifBound(
            value -> {
              throw new InvalidConfigurationPropertyValueException(
                  REMOVED_FILTER_ORDER,
                  value,
                  "The Checkly boundary runs first (Ordered.HIGHEST_PRECEDENCE), before the tracing"
                      + " filters at HIGHEST_PRECEDENCE + 1, since no later order works: this is"
                      + " not a setting any more. Remove it.");
            });
  }

  /** Registers the boundary for every dispatch that may run a tracing filter, at its order. */
  @Bean
  @ConditionalOnMissingBean(name = "checklyTraceStateFilterRegistration")
  FilterRegistrationBean<ChecklyTraceStateFilter> checklyTraceStateFilterRegistration(
      ChecklyTraceStateFilter filter) {
    FilterRegistrationBean<ChecklyTraceStateFilter> registration =
        new FilterRegistrationBean<>(filter);
    registration.setDispatcherTypes(EnumSet.copyOf(ChecklyTraceStateFilter.DISPATCHER_TYPES));
    registration.setOrder(filter.getOrder());
    return registration;
  }

  /**
   * While the Checkly sampler is in charge, which drops every other request's spans anyway, takes
   * OpenTelemetry's server filter out of the container's chain and has the boundary run it for
   * Checkly requests alone: other requests do not even pass through it. Under another sampler,
   * which may keep them, it stays where OpenTelemetry put it.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(OpenTelemetry.class)
  @ConditionalOnSkippingOtherRequests
  @ConditionalOnBean(name = SpringBootAutoConfigurations.OPENTELEMETRY_WEBMVC_FILTER)
  // A boundary of the application's own would not run the filter: leave it in the chain then.
  @ConditionalOnMissingBean(ChecklyTraceStateFilter.class)
  static class ChecklyOnlyServerFilterConfiguration {

    /** Keeps the container from running OpenTelemetry's filter for every request. */
    @Bean(SERVER_FILTER_REGISTRATION)
    @ConditionalOnMissingBean(name = SERVER_FILTER_REGISTRATION)
    FilterRegistrationBean<Filter> checklyOtelWebMvcFilterRegistration(
        @Qualifier(SpringBootAutoConfigurations.OPENTELEMETRY_WEBMVC_FILTER) Filter serverFilter) {
      FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(serverFilter);
      registration.setEnabled(false);
      return registration;
    }
  }
}
