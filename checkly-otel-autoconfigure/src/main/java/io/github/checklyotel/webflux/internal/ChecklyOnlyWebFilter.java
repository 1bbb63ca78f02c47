package io.github.checklyotel.webflux.internal;

import io.github.checklyotel.propagation.internal.ChecklyContext;
import io.github.checklyotel.sampling.internal.ChecklyRequestMatcher;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.function.Supplier;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The reactive boundary, standing in for OpenTelemetry's WebFlux server filter: it decides once per
 * request whether it is a Checkly request and runs that filter with a {@link Context} carrying the
 * decision ({@link ChecklyContext}), which the filter takes as the parent of its server span.
 *
 * <p>A Checkly request is traced even without a valid {@code traceparent}. Other requests skip the
 * delegate, unless told otherwise, since the Checkly sampler would drop their spans anyway; they
 * get their caller's context, marked as another system's, current while the rest of the chain is
 * subscribed, so outgoing calls pass the caller's parent on unchanged. A request without any trace
 * header passes straight through. Contexts are current only during a call on this thread and closed
 * after it, so none is left on a Netty event loop.
 */
final class ChecklyOnlyWebFilter implements WebFilter, Ordered {

  private final WebFilter delegate;

  private final int order;

  private final Supplier<ChecklyRequestMatcher> matcher;

  private final boolean skipOtherRequests;

  private final Supplier<TextMapPropagator> foreignContextPropagator;

  /** The headers whose absence means there is nothing to decide or carry. */
  private final Supplier<String[]> traceHeaders;

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
  ChecklyOnlyWebFilter(
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
    this.traceHeaders =
        SingletonSupplier.of(() -> ChecklyRequestMatcher.traceHeaders(foreignContextPropagator));
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    ServerHttpRequest request = exchange.getRequest();
    if (!hasTraceHeaders(request)) {
      // Nothing to decide or carry: the most common request costs nothing more.
      this.matcher.get().recordOtherRequest();
      return this.skipOtherRequests
          ? chain.filter(exchange)
          : this.delegate.filter(exchange, chain);
    }
    Context current = Context.current();
    ChecklyRequestMatcher matcher = this.matcher.get();
    if (matcher.matches(request, ServerHttpRequestGetter.INSTANCE)) {
      Context checkly =
          matcher.markChecklyRequest(current, request, ServerHttpRequestGetter.INSTANCE);
      // The delegate reads its parent context when called, not when subscribed to.
      try (Scope ignored = checkly.makeCurrent()) {
        return this.delegate.filter(exchange, chain);
      }
    }
    Context decided =
        ChecklyContext.markForeignRequest(
            (this.foreignContextPropagator != null)
                ? this.foreignContextPropagator
                    .get()
                    .extract(current, request, ServerHttpRequestGetter.INSTANCE)
                : current);
    if (!this.skipOtherRequests) {
      try (Scope ignored = decided.makeCurrent()) {
        return this.delegate.filter(exchange, chain);
      }
    }
    return new ScopedMono<>(chain.filter(exchange), decided);
  }

  private boolean hasTraceHeaders(ServerHttpRequest request) {
    HttpHeaders headers = request.getHeaders();
    for (String header : this.traceHeaders.get()) {
      if (headers.getFirst(header) != null) {
        return true;
      }
    }
    return false;
  }

  @Override
  public int getOrder() {
    return this.order;
  }

  @Override
  public String toString() {
    return "ChecklyOnlyWebFilter{" + this.delegate.getClass().getName() + "}";
  }
}
