package io.github.checklyotel;

import io.github.checklyotel.propagation.internal.ChecklyContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;

/** Spans that tests start as instrumentation would. */
public final class TestSpans {

  private TestSpans() {}

  /**
   * Starts and ends a Checkly request's server span, as the boundary marks it, and an HTTP call it
   * makes, in its context; returns the call's client span.
   */
  public static Span callOut(Tracer tracer) {
    Context request = ChecklyContext.markChecklyRequest(Context.root());
    Span server =
        tracer.spanBuilder("GET").setSpanKind(SpanKind.SERVER).setParent(request).startSpan();
    Span client =
        tracer
            .spanBuilder("GET")
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute("http.request.method", "GET")
            .setParent(request.with(server))
            .startSpan();
    client.end();
    server.end();
    return client;
  }
}
