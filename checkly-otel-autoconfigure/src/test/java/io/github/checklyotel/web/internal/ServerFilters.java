package io.github.checklyotel.web.internal;

import jakarta.servlet.Filter;

/** Lets tests in other packages see which filter the boundary runs, without making it API. */
public final class ServerFilters {

  private ServerFilters() {}

  /** The filter {@code boundary} runs for Checkly requests only, or {@code null}. */
  public static Filter checklyRequestFilter(ChecklyTraceStateFilter boundary) {
    return boundary.getChecklyRequestFilter();
  }
}
