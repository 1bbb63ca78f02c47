package io.github.checklyotel.web.internal;

import io.github.checklyotel.sampling.internal.ChecklyRequestMatcher;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Asks a {@link ChecklyRequestMatcher} about a servlet request once, so that every dispatch of the
 * request (async, error) gets the same answer.
 *
 * <p>The answer is kept in a request attribute where a later dispatch could answer differently: a
 * Checkly request, and in strict mode any request, whose answer depends on which of its own calls
 * this instance remembers at the time. Elsewhere the answer follows from the headers alone, and is
 * read from them again, so that the most common requests cost no attribute.
 */
final class ChecklyServletRequests {

  /** Request attribute holding the {@link Boolean} decision for the request. */
  static final String CHECKLY_REQUEST_ATTRIBUTE =
      ChecklyServletRequests.class.getName() + ".CHECKLY_REQUEST";

  private ChecklyServletRequests() {}

  /** Whether {@code request} is a Checkly request according to {@code matcher}. */
  static boolean isChecklyRequest(HttpServletRequest request, ChecklyRequestMatcher matcher) {
    // The first dispatch is where the decision is made: only a later one may find it kept.
    boolean first = request.getDispatcherType() == DispatcherType.REQUEST;
    if (!first && request.getAttribute(CHECKLY_REQUEST_ATTRIBUTE) instanceof Boolean decided) {
      return decided;
    }
    boolean checkly =
        first
            ? matcher.matches(request, HttpServletRequestGetter.INSTANCE)
            : matcher.test(request, HttpServletRequestGetter.INSTANCE);
    if (checkly || matcher.isStrict()) {
      request.setAttribute(CHECKLY_REQUEST_ATTRIBUTE, checkly);
    }
    return checkly;
  }
}
