package io.github.checklyotel.webflux;

import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
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

  @Override
  public Iterator<String> getAll(ServerHttpRequest request, String key) {
    List<String> values = (request != null) ? request.getHeaders().get(key) : null;
    return (values != null) ? values.iterator() : Collections.emptyIterator();
  }
}
