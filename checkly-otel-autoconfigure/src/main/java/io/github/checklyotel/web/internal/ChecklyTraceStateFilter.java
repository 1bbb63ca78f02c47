package io.github.checklyotel.web.internal;

import io.github.checklyotel.propagation.internal.ChecklyContext;
import io.github.checklyotel.sampling.internal.ChecklyRequestMatcher;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapPropagator;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.core.Ordered;
import org.springframework.util.function.SingletonSupplier;

/**
 * The boundary: decides once per request, where it enters, whether it is a Checkly request, and
 * makes a {@link Context} carrying that decision current while the rest of the chain runs, so that
 * nothing downstream decides again from what the caller sent.
 *
 * <ul>
 *   <li>A Checkly request gets a context {@linkplain ChecklyContext#markChecklyRequest marked} as
 *       such, and passes through the Checkly request filter it was given, if any: OpenTelemetry's
 *       server filter, taken out of the container's chain so that no other request pays for it,
 *       which extracts the request's parent and traces it.
 *   <li>Any other request that carries trace headers gets its caller's context, extracted with the
 *       application's propagators (unless told not to), {@linkplain
 *       ChecklyContext#markForeignRequest marked} as another system's: the sampler drops its spans
 *       and outgoing calls pass the caller's parent on unchanged.
 *   <li>A request with no trace header at all, the most common kind, passes straight through:
 *       nothing is read beyond those headers, nothing is allocated.
 * </ul>
 *
 * <p>It must run before every tracing filter (OpenTelemetry's and Spring's sit at {@code
 * HIGHEST_PRECEDENCE + 1}), on every dispatch that may run one ({@link #DISPATCHER_TYPES}). It is a
 * plain filter rather than a once-per-request one, which would set and remove a request attribute
 * on every request; the Checkly request filter applies its own once-per-request rules. The context
 * lives only in a scope closed when the chain returns, so nothing is left on the thread; async and
 * error dispatches get the same context again from the decision, which {@link
 * ChecklyServletRequests} keeps with the request where it could change.
 */
public final class ChecklyTraceStateFilter implements Filter, Ordered {

  /**
   * The dispatches to register this filter for: each of them may run tracing filters, FORWARD and
   * INCLUDE run inside a dispatch that already has its context.
   */
  public static final Set<DispatcherType> DISPATCHER_TYPES =
      Collections.unmodifiableSet(
          EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR));

  private final int order;

  private final ChecklyRequestMatcher matcher;

  private final Supplier<TextMapPropagator> foreignContextPropagator;

  /** The headers whose absence means there is nothing to decide or carry. */
  private final Supplier<String[]> traceHeaders;

  private final Filter checklyRequestFilter;

  /**
   * Creates a filter registered at {@code order} that recognises requests with {@code matcher} and
   * does not pass other systems' trace context on.
   */
  public ChecklyTraceStateFilter(int order, ChecklyRequestMatcher matcher) {
    this(order, matcher, null);
  }

  /**
   * Creates a filter registered at {@code order} that recognises requests with {@code matcher}.
   *
   * @param foreignContextPropagator the propagator that extracts the context of requests that are
   *     not Checkly's, looked up on first use, or {@code null} not to pass that context on
   */
  public ChecklyTraceStateFilter(
      int order,
      ChecklyRequestMatcher matcher,
      Supplier<TextMapPropagator> foreignContextPropagator) {
    this(order, matcher, foreignContextPropagator, null);
  }

  /**
   * Creates a filter registered at {@code order} that recognises requests with {@code matcher} and
   * passes Checkly requests, and only them, through {@code checklyRequestFilter}.
   *
   * @param foreignContextPropagator the propagator that extracts the context of requests that are
   *     not Checkly's, looked up on first use, or {@code null} not to pass that context on
   * @param checklyRequestFilter the filter that only Checkly requests run, on each of their
   *     dispatches, before the rest of the chain, normally OpenTelemetry's server filter; it must
   *     not also be registered with the container. {@code null} for none
   */
  public ChecklyTraceStateFilter(
      int order,
      ChecklyRequestMatcher matcher,
      Supplier<TextMapPropagator> foreignContextPropagator,
      Filter checklyRequestFilter) {
    this.order = order;
    this.matcher = matcher;
    this.foreignContextPropagator = foreignContextPropagator;
    this.traceHeaders =
        SingletonSupplier.of(() -> ChecklyRequestMatcher.traceHeaders(foreignContextPropagator));
    this.checklyRequestFilter = checklyRequestFilter;
  }

  /** The matcher that recognises Checkly requests. */
  public ChecklyRequestMatcher getMatcher() {
    return this.matcher;
  }

  /** The filter that Checkly requests, and only they, pass through, or {@code null}. */
  Filter getChecklyRequestFilter() {
    return this.checklyRequestFilter;
  }

  @Override
  public int getOrder() {
    return this.order;
  }

  /** Initialises the Checkly request filter too, as the container would have. */
  @Override
  public void init(FilterConfig filterConfig) throws ServletException {
    if (this.checklyRequestFilter != null) {
      this.checklyRequestFilter.init(filterConfig);
    }
  }

  @Override
  public void destroy() {
    if (this.checklyRequestFilter != null) {
      this.checklyRequestFilter.destroy();
    }
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain filterChain)
      throws IOException, ServletException {
    if (!(request instanceof HttpServletRequest httpRequest) || !hasTraceHeaders(httpRequest)) {
      filterChain.doFilter(request, response);
      return;
    }
    Context current = Context.current();
    if (ChecklyServletRequests.isChecklyRequest(httpRequest, this.matcher)) {
      try (Scope ignored =
          this.matcher
              .markChecklyRequest(current, httpRequest, HttpServletRequestGetter.INSTANCE)
              .makeCurrent()) {
        if (this.checklyRequestFilter != null) {
          this.checklyRequestFilter.doFilter(request, response, filterChain);
        } else {
          filterChain.doFilter(request, response);
        }
      }
      return;
    }
    try (Scope ignored = foreignContext(current, httpRequest).makeCurrent()) {
      filterChain.doFilter(request, response);
    }
  }

  /** A request without any trace header has nothing to decide; it is counted once. */
  private boolean hasTraceHeaders(HttpServletRequest request) {
    for (String header : this.traceHeaders.get()) {
      if (request.getHeader(header) != null) {
        return true;
      }
    }
    if (request.getDispatcherType() == DispatcherType.REQUEST) {
      this.matcher.recordOtherRequest();
    }
    return false;
  }

  private Context foreignContext(Context current, HttpServletRequest request) {
    return ChecklyContext.markForeignRequest(
        (this.foreignContextPropagator != null)
            ? this.foreignContextPropagator
                .get()
                .extract(current, request, HttpServletRequestGetter.INSTANCE)
            : current);
  }
}
