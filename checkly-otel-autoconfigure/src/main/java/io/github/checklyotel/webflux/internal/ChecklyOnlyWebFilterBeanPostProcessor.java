package io.github.checklyotel.webflux.internal;

import io.github.checklyotel.sampling.internal.ChecklyRequestMatcher;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.server.WebFilter;

/** Wraps OpenTelemetry's WebFlux server filter in a {@link ChecklyOnlyWebFilter}. */
public final class ChecklyOnlyWebFilterBeanPostProcessor implements BeanPostProcessor {

  /** Package of OpenTelemetry's Spring WebFlux instrumentation (spring-webflux-5.3). */
  private static final String WEBFLUX_INSTRUMENTATION_PACKAGE =
      "io.opentelemetry.instrumentation.spring.webflux.";

  private final Supplier<ChecklyRequestMatcher> matcher;

  private final boolean skipOtherRequests;

  private final Supplier<TextMapPropagator> foreignContextPropagator;

  /**
   * Creates the post-processor. Post-processors are created before most beans, so its collaborators
   * are looked up on first use.
   *
   * @param matcher recognises Checkly requests
   * @param skipOtherRequests whether requests that are not Checkly's skip OpenTelemetry's filter
   * @param foreignContextPropagator the propagator that extracts the context of requests that are
   *     not Checkly's, looked up on first use, or {@code null} not to pass that context on
   */
  public ChecklyOnlyWebFilterBeanPostProcessor(
      ObjectProvider<ChecklyRequestMatcher> matcher,
      boolean skipOtherRequests,
      Supplier<TextMapPropagator> foreignContextPropagator) {
    this.matcher = SingletonSupplier.of(matcher::getObject);
    this.skipOtherRequests = skipOtherRequests;
    this.foreignContextPropagator = foreignContextPropagator;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof WebFilter filter
        && filter.getClass().getName().startsWith(WEBFLUX_INSTRUMENTATION_PACKAGE)) {
      int order =
          (filter instanceof Ordered ordered) ? ordered.getOrder() : Ordered.LOWEST_PRECEDENCE;
      return new ChecklyOnlyWebFilter(
          filter, order, this.matcher, this.skipOtherRequests, this.foreignContextPropagator);
    }
    return bean;
  }
}
