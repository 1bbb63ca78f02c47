package io.github.checklyotel.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Asks a {@link ChecklyRequestMatcher} about a servlet request once, and keeps the answer in a
 * request attribute, so that every filter and every dispatch of the request (async, error) sees the
 * same answer without reading the headers again.
 */
public final class ChecklyServletRequests {

  /** Request attribute holding the {@link Boolean} decision for the request. */
  public static final String CHECKLY_REQUEST_ATTRIBUTE =
      ChecklyServletRequests.class.getName() + ".CHECKLY_REQUEST";

  private ChecklyServletRequests() {}

  /** Whether {@code request} is a Checkly request according to {@code matcher}. */
  public static boolean isChecklyRequest(
      HttpServletRequest request, ChecklyRequestMatcher matcher) {
    Object decided = request.getAttribute(CHECKLY_REQUEST_ATTRIBUTE);
    if (decided instanceof Boolean checkly) {
      return checkly;
    }
    boolean checkly = matcher.matches(request, HttpServletRequestGetter.INSTANCE);
    request.setAttribute(CHECKLY_REQUEST_ATTRIBUTE, checkly);
    return checkly;
  }
}
