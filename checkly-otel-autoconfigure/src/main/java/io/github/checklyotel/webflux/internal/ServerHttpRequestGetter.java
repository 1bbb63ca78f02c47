package io.github.checklyotel.webflux.internal;

import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.Collections;
import java.util.Iterator;
import org.springframework.http.server.reactive.ServerHttpRequest;

/** Reads propagation headers from a reactive server request. */
enum ServerHttpRequestGetter implements TextMapGetter<ServerHttpRequest> {
  INSTANCE;

  @Override
  public Iterable<String> keys(ServerHttpRequest request) {
    return request.getHeaders().toSingleValueMap().keySet();
  }

  @Override
  public String get(ServerHttpRequest request, String key) {
    return (request != null) ? request.getHeaders().getFirst(key) : null;
  }

  /**
   * Spring Framework 6 and 7 declare the plain multi-value getter with different parameter types,
   * so it reads through the list of comma-separated values, which both have; only when the header
   * is present at all.
   */
  @Override
  public Iterator<String> getAll(ServerHttpRequest request, String key) {
    if (request == null || request.getHeaders().getFirst(key) == null) {
      return Collections.emptyIterator();
    }
    return request.getHeaders().getValuesAsList(key).iterator();
  }
}
