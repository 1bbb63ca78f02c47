package io.github.checklyotel.web;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.propagation.TextMapPropagator;
import jakarta.servlet.Filter;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.util.function.SingletonSupplier;

/**
 * Wraps OpenTelemetry's Spring MVC server filter in a {@link ChecklyOnlyFilter}, so that requests
 * which are not Checkly's skip it.
 */
public final class ChecklyOnlyServerInstrumentation implements BeanPostProcessor {

  /** Package of OpenTelemetry's Spring MVC instrumentations (spring-webmvc-5.3 and -6.0). */
  private static final String WEBMVC_INSTRUMENTATION_PACKAGE =
      "io.opentelemetry.instrumentation.spring.webmvc.";

  private final Supplier<ChecklyRequestMatcher> matcher;

  private final Supplier<TextMapPropagator> foreignContextPropagator;

  /**
   * Creates the post-processor. Post-processors are created before most beans, so its collaborators
   * are looked up on first use.
   *
   * @param matcher recognises Checkly requests
   * @param openTelemetry supplies the propagators
   * @param propagateForeignContext whether other requests keep their incoming trace context
   */
  public ChecklyOnlyServerInstrumentation(
      ObjectProvider<ChecklyRequestMatcher> matcher,
      ObjectProvider<OpenTelemetry> openTelemetry,
      boolean propagateForeignContext) {
    this.matcher = SingletonSupplier.of(matcher::getObject);
    this.foreignContextPropagator =
        propagateForeignContext
            ? SingletonSupplier.of(
                () -> openTelemetry.getObject().getPropagators().getTextMapPropagator())
            : null;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof Filter filter && isServerInstrumentation(filter)) {
      int order =
          (filter instanceof Ordered ordered) ? ordered.getOrder() : Ordered.LOWEST_PRECEDENCE;
      return new ChecklyOnlyFilter(filter, order, this.matcher, this.foreignContextPropagator);
    }
    return bean;
  }

  static boolean isServerInstrumentation(Filter filter) {
    return filter.getClass().getName().startsWith(WEBMVC_INSTRUMENTATION_PACKAGE);
  }
}
