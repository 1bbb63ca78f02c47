package io.github.checklyotel.web;

/** Lets tests in other packages see whether a server filter is wrapped, without making it API. */
public final class ServerFilters {

  private ServerFilters() {}

  /** Whether {@code filter} is the wrapper that runs its delegate for Checkly requests only. */
  public static boolean isChecklyOnly(Object filter) {
    return filter instanceof ChecklyOnlyFilter;
  }
}
