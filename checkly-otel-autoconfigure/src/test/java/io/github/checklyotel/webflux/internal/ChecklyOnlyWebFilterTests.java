package io.github.checklyotel.webflux.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checklyotel.propagation.internal.ChecklyContext;
import io.github.checklyotel.sampling.internal.ChecklyRequestMatcher;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

class ChecklyOnlyWebFilterTests {

  private static final String TRACEPARENT =
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  private final ChecklyRequestMatcher matcher = ChecklyRequestMatcher.tracestateOnly();

  /** What the delegate and the rest of the chain saw as the current context. */
  private final List<String> seen = new ArrayList<>();

  private final WebFilter delegate =
      (exchange, chain) -> {
        this.seen.add("delegate:" + describe(Context.current()));
        return chain.filter(exchange);
      };

  private final WebFilterChain chain =
      (exchange) -> Mono.fromRunnable(() -> this.seen.add("chain:" + describe(Context.current())));

  @AfterEach
  void nothingLeftCurrent() {
    assertThat(Context.current()).isSameAs(Context.root());
  }

  @Test
  void checklyRequestRunsTheDelegateUnderTheMark() {
    filter(true, true, request().header("tracestate", "vendor=1,checkly=true"));
    assertThat(this.seen).containsExactly("delegate:checkly", "chain:plain");
    assertThat(this.matcher.getOtherRequestCount()).isZero();
  }

  @Test
  void otherRequestSkipsTheDelegateButKeepsTheCallersContext() {
    filter(true, true, request().header("traceparent", TRACEPARENT));
    assertThat(this.seen).containsExactly("chain:remote 4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(this.matcher.getOtherRequestCount()).isEqualTo(1);
  }

  @Test
  void callersContextCanBeLeftOut() {
    filter(true, false, request().header("traceparent", TRACEPARENT));
    assertThat(this.seen).containsExactly("chain:plain");
  }

  @Test
  void otherRequestRunsTheDelegateUnmarkedWhenAskedTo() {
    filter(false, true, request().header("tracestate", "checkly=false"));
    assertThat(this.seen).containsExactly("delegate:plain", "chain:plain");
  }

  private void filter(
      boolean skipOtherRequests, boolean propagate, MockServerHttpRequest.BaseBuilder<?> request) {
    ChecklyOnlyWebFilter filter =
        new ChecklyOnlyWebFilter(
            this.delegate,
            1,
            () -> this.matcher,
            skipOtherRequests,
            propagate ? W3CTraceContextPropagator::getInstance : null);
    filter.filter(MockServerWebExchange.from(request), this.chain).block();
  }

  private static MockServerHttpRequest.BaseBuilder<?> request() {
    return MockServerHttpRequest.get("/work");
  }

  private static String describe(Context context) {
    if (ChecklyContext.isChecklyRequest(context)) {
      return "checkly";
    }
    SpanContext span = Span.fromContext(context).getSpanContext();
    return span.isValid() ? "remote " + span.getTraceId() : "plain";
  }
}
