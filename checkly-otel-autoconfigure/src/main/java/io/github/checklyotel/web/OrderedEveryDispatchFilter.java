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

  private volatile String alreadyFilteredAttributeName;

  OrderedEveryDispatchFilter(int order) {
    this.order = order;
  }

  /**
   * Distinct per filter class and name, so that a wrapper and the filter it wraps, which share a
   * name, do not skip each other; built once rather than on every request.
   */
  @Override
  protected String getAlreadyFilteredAttributeName() {
    String name = this.alreadyFilteredAttributeName;
    if (name == null) {
      name = getClass().getName() + "." + getFilterName() + ".FILTERED";
      this.alreadyFilteredAttributeName = name;
    }
    return name;
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
