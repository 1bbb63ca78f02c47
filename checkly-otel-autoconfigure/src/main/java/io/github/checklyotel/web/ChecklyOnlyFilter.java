package io.github.checklyotel.web;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapPropagator;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Supplier;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Runs a tracing filter only for Checkly requests.
 *
 * <p>Under the Checkly sampler no other request is ever traced, yet a server instrumentation filter
 * would still extract context, build attributes and start an unsampled span for each of them. This
 * wrapper lets such requests past the delegate. Unless told not to, it still makes the incoming
 * trace context current, so outgoing calls carry the caller's trace on as they would without this
 * starter.
 *
 * <p>It is a {@link OncePerRequestFilter} so that Spring Boot registers it for every dispatch type,
 * as it does the delegate, and it passes every dispatch of a Checkly request to the delegate, which
 * applies its own once-per-request rules.
 */
public final class ChecklyOnlyFilter extends OrderedEveryDispatchFilter {

  private final Filter delegate;

  private final Supplier<ChecklyRequestMatcher> matcher;

  private final Supplier<TextMapPropagator> foreignContextPropagator;

  private volatile String alreadyFilteredAttributeName;

  /**
   * Wraps {@code delegate}.
   *
   * @param delegate the tracing filter
   * @param order the order to register this filter at, normally the delegate's
   * @param matcher recognises Checkly requests, the same one {@link ChecklyTraceStateFilter} uses
   * @param foreignContextPropagator the propagator that extracts the incoming context of other
   *     requests, or {@code null} not to propagate it
   */
  public ChecklyOnlyFilter(
      Filter delegate,
      int order,
      Supplier<ChecklyRequestMatcher> matcher,
      Supplier<TextMapPropagator> foreignContextPropagator) {
    super(order);
    this.delegate = delegate;
    this.matcher = matcher;
    this.foreignContextPropagator = foreignContextPropagator;
  }

  @Override
  protected void initFilterBean() throws ServletException {
    this.delegate.init(getFilterConfig());
  }

  @Override
  public void destroy() {
    this.delegate.destroy();
  }

  /** The wrapped filter. */
  public Filter getDelegate() {
    return this.delegate;
  }

  /**
   * Distinct from the delegate's, which shares this filter's name and would skip itself; built once
   * rather than on every request.
   */
  @Override
  protected String getAlreadyFilteredAttributeName() {
    String name = this.alreadyFilteredAttributeName;
    if (name == null) {
      name = ChecklyOnlyFilter.class.getName() + "." + getFilterName() + ".FILTERED";
      this.alreadyFilteredAttributeName = name;
    }
    return name;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain filterChain)
      throws ServletException, IOException {
    if (ChecklyServletRequests.isChecklyRequest(request, this.matcher.get())) {
      this.delegate.doFilter(request, response, filterChain);
      return;
    }
    Context current = Context.current();
    Context incoming =
        this.foreignContextPropagator != null
            ? this.foreignContextPropagator
                .get()
                .extract(current, request, HttpServletRequestGetter.INSTANCE)
            : current;
    if (incoming == current) {
      filterChain.doFilter(request, response);
      return;
    }
    try (Scope ignored = incoming.makeCurrent()) {
      filterChain.doFilter(request, response);
    }
  }

  @Override
  public String toString() {
    return "ChecklyOnlyFilter{" + this.delegate.getClass().getName() + "}";
  }
}
