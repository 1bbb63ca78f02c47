package io.github.checklyotel.web;

import jakarta.servlet.Filter;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.Ordered;

/**
 * Wraps OpenTelemetry's Spring MVC server filter in a {@link ChecklyOnlyFilter}, so that requests
 * which are not Checkly's skip it.
 */
public final class ChecklyOnlyServerFilterBeanPostProcessor implements BeanPostProcessor {

  /** Package of OpenTelemetry's Spring MVC instrumentations (spring-webmvc-5.3 and -6.0). */
  private static final String WEBMVC_INSTRUMENTATION_PACKAGE =
      "io.opentelemetry.instrumentation.spring.webmvc.";

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof Filter filter && isServerInstrumentation(filter)) {
      int order =
          (filter instanceof Ordered ordered) ? ordered.getOrder() : Ordered.LOWEST_PRECEDENCE;
      return new ChecklyOnlyFilter(filter, order);
    }
    return bean;
  }

  static boolean isServerInstrumentation(Filter filter) {
    return filter.getClass().getName().startsWith(WEBMVC_INSTRUMENTATION_PACKAGE);
  }
}
