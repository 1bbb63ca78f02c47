package io.github.checklyotel.web;

import io.github.checklyotel.propagation.ChecklyContext;
import io.opentelemetry.context.Context;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Runs a tracing filter only for Checkly requests, as the boundary ({@link
 * ChecklyTraceStateFilter}) decided them.
 *
 * <p>Under the Checkly sampler no other request is ever traced, yet a server instrumentation filter
 * would still extract context, build attributes and start an unsampled span for each of them. This
 * wrapper lets such requests past the delegate without touching them: the boundary has already made
 * their caller's context current.
 *
 * <p>It is a {@link org.springframework.web.filter.OncePerRequestFilter} so that Spring Boot
 * registers it for every dispatch type, as it does the delegate; requests it skips cost no request
 * attribute. It passes every dispatch of a Checkly request to the delegate, which applies its own
 * once-per-request rules.
 */
final class ChecklyOnlyFilter extends OrderedEveryDispatchFilter {

  private final Filter delegate;

  /**
   * Wraps {@code delegate}.
   *
   * @param delegate the tracing filter
   * @param order the order to register this filter at, normally the delegate's
   */
  ChecklyOnlyFilter(Filter delegate, int order) {
    super(order);
    this.delegate = delegate;
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
  Filter getDelegate() {
    return this.delegate;
  }

  /** Requests the boundary did not mark as Checkly's skip the delegate. */
  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !ChecklyContext.isChecklyRequest(Context.current());
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain filterChain)
      throws ServletException, IOException {
    this.delegate.doFilter(request, response, filterChain);
  }

  @Override
  public String toString() {
    return "ChecklyOnlyFilter{" + this.delegate.getClass().getName() + "}";
  }
}
