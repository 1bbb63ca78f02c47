package io.github.checklyotel.web;

import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A filter that sees the async and error dispatches of a request as well as the first, at a chosen
 * order. Being a {@link OncePerRequestFilter}, Spring Boot registers it for every dispatch type
 * without further configuration.
 */
abstract class OrderedEveryDispatchFilter extends OncePerRequestFilter implements Ordered {

  private final int order;

  OrderedEveryDispatchFilter(int order) {
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
}
