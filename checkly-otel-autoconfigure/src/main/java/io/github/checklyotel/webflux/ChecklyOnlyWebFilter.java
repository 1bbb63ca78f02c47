package io.github.checklyotel.webflux;

import io.github.checklyotel.sampling.ChecklyContext;
import io.github.checklyotel.web.ChecklyRequestMatcher;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.function.Supplier;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Stands in for OpenTelemetry's WebFlux server filter: for Checkly requests it runs that filter
 * with a {@link Context} marked by {@link ChecklyContext}, which the filter takes as the parent of
 * its server span, so the sampler keeps the trace even without a valid {@code traceparent}.
 *
 * <p>Other requests skip the delegate, unless told otherwise, since the Checkly sampler would drop
 * their spans anyway. They still get the incoming trace context made current while the rest of the
 * chain is subscribed, so outgoing calls carry the caller's trace on as they would without this
 * starter. Both contexts are current only during a call on this thread and closed after it, so none
 * is left on a Netty event loop.
 */
public final class ChecklyOnlyWebFilter implements WebFilter, Ordered {

  private final WebFilter delegate;

  private final int order;

  private final Supplier<ChecklyRequestMatcher> matcher;

  private final boolean skipOtherRequests;

  private final Supplier<TextMapPropagator> foreignContextPropagator;

  /**
   * Wraps {@code delegate}.
   *
   * @param delegate OpenTelemetry's server filter
   * @param order the order to run at, normally the delegate's
   * @param matcher recognises Checkly requests
   * @param skipOtherRequests whether requests that are not Checkly's skip the delegate
   * @param foreignContextPropagator the propagator that extracts the incoming context of requests
   *     that skip the delegate, or {@code null} not to propagate it
   */
  public ChecklyOnlyWebFilter(
      WebFilter delegate,
      int order,
      Supplier<ChecklyRequestMatcher> matcher,
      boolean skipOtherRequests,
      Supplier<TextMapPropagator> foreignContextPropagator) {
    this.delegate = delegate;
    this.order = order;
    this.matcher = matcher;
    this.skipOtherRequests = skipOtherRequests;
    this.foreignContextPropagator = foreignContextPropagator;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    ServerHttpRequest request = exchange.getRequest();
    if (this.matcher.get().matches(request, ServerHttpRequestGetter.INSTANCE)) {
      // The delegate reads its parent context when called, not when subscribed to.
      try (Scope ignored = ChecklyContext.markChecklyRequest(Context.current()).makeCurrent()) {
        return this.delegate.filter(exchange, chain);
      }
    }
    if (!this.skipOtherRequests) {
      return this.delegate.filter(exchange, chain);
    }
    if (this.foreignContextPropagator == null) {
      return chain.filter(exchange);
    }
    Context current = Context.current();
    Context incoming =
        this.foreignContextPropagator
            .get()
            .extract(current, request, ServerHttpRequestGetter.INSTANCE);
    Mono<Void> rest = chain.filter(exchange);
    return (incoming != current) ? new ScopedMono<>(rest, incoming) : rest;
  }

  @Override
  public int getOrder() {
    return this.order;
  }

  /** The wrapped filter. */
  public WebFilter getDelegate() {
    return this.delegate;
  }

  @Override
  public String toString() {
    return "ChecklyOnlyWebFilter{" + this.delegate.getClass().getName() + "}";
  }
}
