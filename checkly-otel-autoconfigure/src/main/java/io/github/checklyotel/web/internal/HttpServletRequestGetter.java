package io.github.checklyotel.web.internal;

import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Iterator;

/** Reads propagation headers from a servlet request. */
enum HttpServletRequestGetter implements TextMapGetter<HttpServletRequest> {
  INSTANCE;

  @Override
  public Iterable<String> keys(HttpServletRequest request) {
    return Collections.list(request.getHeaderNames());
  }

  @Override
  public String get(HttpServletRequest request, String key) {
    return request == null ? null : request.getHeader(key);
  }

  /** Asks for the container's enumeration only when the header is there at all. */
  @Override
  public Iterator<String> getAll(HttpServletRequest request, String key) {
    if (request == null || request.getHeader(key) == null) {
      return Collections.emptyIterator();
    }
    // A container may refuse access to a header by returning null.
    Enumeration<String> values = request.getHeaders(key);
    return (values != null) ? values.asIterator() : Collections.emptyIterator();
  }
}
