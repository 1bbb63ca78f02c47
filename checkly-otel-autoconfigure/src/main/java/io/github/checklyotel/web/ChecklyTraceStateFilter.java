package io.github.checklyotel.web;

import io.github.checklyotel.sampling.ChecklyContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Reads the incoming {@code tracestate} once per request and, for Checkly requests, makes a {@link
 * Context} marked by {@link ChecklyContext} current while the rest of the chain runs.
 *
 * <p>It must run before every tracing filter (OpenTelemetry's and Spring's sit at {@code
 * HIGHEST_PRECEDENCE + 1}) so that their server spans see the mark. The mark lives only in a scope
 * that is closed when the chain returns, so nothing is left on the thread afterwards; async and
 * error dispatches of the same request are marked again from the decision, which {@link
 * ChecklyServletRequests} remembers.
 */
public final class ChecklyTraceStateFilter extends OrderedEveryDispatchFilter {

  private final ChecklyRequestMatcher matcher;

  /** Creates a filter registered at {@code order} that recognises requests with {@code matcher}. */
  public ChecklyTraceStateFilter(int order, ChecklyRequestMatcher matcher) {
    super(order);
    this.matcher = matcher;
  }

  /** The matcher that recognises Checkly requests. */
  public ChecklyRequestMatcher getMatcher() {
    return this.matcher;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain filterChain)
      throws ServletException, IOException {
    if (!ChecklyServletRequests.isChecklyRequest(request, this.matcher)) {
      filterChain.doFilter(request, response);
      return;
    }
    try (Scope ignored = ChecklyContext.markChecklyRequest(Context.current()).makeCurrent()) {
      filterChain.doFilter(request, response);
    }
  }
}
