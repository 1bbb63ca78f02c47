package io.github.checklyotel.context.internal;

import io.opentelemetry.context.Context;
import org.springframework.core.task.TaskDecorator;

/**
 * Runs each task in the OpenTelemetry {@link Context} of the thread that submitted it, so that work
 * handed to an executor ({@code @Async} methods, {@code CompletableFuture}s given Spring's
 * executor) inside a Checkly request stays in its trace.
 */
public final class OpenTelemetryContextTaskDecorator implements TaskDecorator {

  @Override
  public Runnable decorate(Runnable runnable) {
    return Context.current().wrap(runnable);
  }
}
