package io.github.checklyotel.webflux.internal;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;

/**
 * Subscribes to a {@link Mono} with an OpenTelemetry {@link Context} current, so that the work done
 * during the subscription, and any operator that captures the current context then, sees it. The
 * scope is closed as soon as the subscription call returns.
 */
final class ScopedMono<T> extends Mono<T> {

  private final Mono<T> source;

  private final Context context;

  ScopedMono(Mono<T> source, Context context) {
    this.source = source;
    this.context = context;
  }

  @Override
  public void subscribe(CoreSubscriber<? super T> actual) {
    try (Scope ignored = this.context.makeCurrent()) {
      this.source.subscribe(actual);
    }
  }
}
