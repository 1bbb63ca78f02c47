package io.github.checklyotel.autoconfigure;

import io.github.checklyotel.sampling.ChecklyRequestMatcher;
import io.github.checklyotel.web.ChecklyOnlyServerFilterBeanPostProcessor;
import io.github.checklyotel.web.ChecklyTraceStateFilter;
import io.opentelemetry.api.OpenTelemetry;
import jakarta.servlet.Filter;
import java.util.EnumSet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.filter.OncePerRequestFilter;

/** Auto-configuration of the servlet side: recognising Checkly requests, skipping the others. */
@AutoConfiguration(after = ChecklyTracingAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass({Filter.class, OncePerRequestFilter.class})
@ConditionalOnChecklyTracing
@EnableConfigurationProperties(ChecklyProperties.class)
@Import(ChecklyRequestMatcherConfiguration.class)
public final class ChecklyServletAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  ChecklyTraceStateFilter checklyTraceStateFilter(
      ChecklyProperties properties,
      ChecklyRequestMatcher matcher,
      ObjectProvider<OpenTelemetry> openTelemetry) {
    return new ChecklyTraceStateFilter(
        properties.getWeb().getFilterOrder(),
        matcher,
        ChecklyRequestMatcherConfiguration.foreignContextPropagator(properties, openTelemetry));
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
   * Skips OpenTelemetry's server instrumentation for requests the Checkly sampler would drop
   * anyway; only while that sampler is in charge, since another one may keep them.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(OpenTelemetry.class)
  @ConditionalOnSkippingOtherRequests
  static class ChecklyOnlyServerFilterBeanPostProcessorConfiguration {

    // Static, as post-processors are created before most beans.
    @Bean
    @ConditionalOnMissingBean
    static ChecklyOnlyServerFilterBeanPostProcessor checklyOnlyServerFilterBeanPostProcessor() {
      return new ChecklyOnlyServerFilterBeanPostProcessor();
    }
  }
}
