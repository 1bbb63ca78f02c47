package io.github.checklyotel.web;

import io.github.checklyotel.sampling.ChecklyContext;
import io.github.checklyotel.sampling.ChecklyTraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Enumeration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads the incoming {@code tracestate} once per request and, for Checkly requests, makes a {@link
 * Context} marked by {@link ChecklyContext} current while the rest of the chain runs.
 *
 * <p>It must run before every tracing filter (OpenTelemetry's and Spring's sit at {@code
 * HIGHEST_PRECEDENCE + 1}) so that their server spans see the mark. The mark lives only in a scope
 * that is closed when the chain returns, so nothing is left on the thread afterwards; the decision
 * is kept in a request attribute so that async and error dispatches of the same request are marked
 * again without reading the headers twice.
 */
public final class ChecklyTraceStateFilter extends OncePerRequestFilter implements Ordered {

  /** Request attribute holding the {@link Boolean} decision for the request. */
  public static final String CHECKLY_REQUEST_ATTRIBUTE =
      ChecklyTraceStateFilter.class.getName() + ".CHECKLY_REQUEST";

  private static final String TRACESTATE = "tracestate";

  private final int order;

  /** Creates a filter registered at {@code order}. */
  public ChecklyTraceStateFilter(int order) {
    this.order = order;
  }

  @Override
  public int getOrder() {
    return this.order;
  }

  @Override
  protected boolean shouldNotFilterAsyncDispatch() {
    return false;
  }

  @Override
  protected boolean shouldNotFilterErrorDispatch() {
    return false;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain filterChain)
      throws ServletException, IOException {
    if (!isChecklyRequest(request)) {
      filterChain.doFilter(request, response);
      return;
    }
    try (Scope ignored = ChecklyContext.markChecklyRequest(Context.current()).makeCurrent()) {
      filterChain.doFilter(request, response);
    }
  }

  /** Whether the request is a Checkly request, reading its headers only on first dispatch. */
  public static boolean isChecklyRequest(HttpServletRequest request) {
    Object decided = request.getAttribute(CHECKLY_REQUEST_ATTRIBUTE);
    if (decided instanceof Boolean checkly) {
      return checkly;
    }
    boolean checkly = hasChecklyTraceState(request.getHeaders(TRACESTATE));
    request.setAttribute(CHECKLY_REQUEST_ATTRIBUTE, checkly);
    return checkly;
  }

  private static boolean hasChecklyTraceState(Enumeration<String> lines) {
    if (lines == null) {
      return false;
    }
    while (lines.hasMoreElements()) {
      if (ChecklyTraceState.containsChecklyMember(lines.nextElement())) {
        return true;
      }
    }
    return false;
  }
}
