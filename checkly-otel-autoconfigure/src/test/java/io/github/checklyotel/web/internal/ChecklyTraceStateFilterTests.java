package io.github.checklyotel.web.internal;

import static io.github.checklyotel.TestTraceIds.TRACE_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.checklyotel.propagation.internal.ChecklyContext;
import io.github.checklyotel.propagation.internal.W3CTraceContextPropagator;
import io.github.checklyotel.sampling.internal.ChecklyRequestMatcher;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterConfig;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The servlet boundary on its own: what it decides, what it carries, what it leaves alone. */
class ChecklyTraceStateFilterTests {

  private static final String TRACEPARENT = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";

  private static final TextMapPropagator PROPAGATORS =
      TextMapPropagator.composite(
          W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance());

  private final ChecklyRequestMatcher matcher = ChecklyRequestMatcher.tracestateOnly();

  private final ChecklyTraceStateFilter filter =
      new ChecklyTraceStateFilter(0, this.matcher, () -> PROPAGATORS);

  /** The context the rest of the chain ran with. */
  private final List<Context> seen = new ArrayList<>();

  @Test
  void aRequestWithoutTraceHeadersPassesUntouchedAndIsCountedOnce() throws Exception {
    MockHttpServletRequest request = request();
    run(request);
    assertThat(this.seen).containsExactly(Context.root());
    assertThat(Collections.list(request.getAttributeNames())).isEmpty();
    request.setDispatcherType(DispatcherType.ERROR);
    run(request);
    assertThat(this.matcher.getOtherRequestCount()).isEqualTo(1);
  }

  @Test
  void anotherSystemsRequestCarriesItsCallersParentMarkedForeign() throws Exception {
    MockHttpServletRequest request = request("traceparent", TRACEPARENT, "baggage", "k=v");
    run(request);
    Context context = this.seen.get(0);
    SpanContext parent = Span.fromContext(context).getSpanContext();
    assertThat(parent.getTraceId()).isEqualTo(TRACE_ID);
    assertThat(parent.isRemote()).isTrue();
    assertThat(ChecklyContext.foreignParent(context)).isEqualTo(parent);
    assertThat(ChecklyContext.isChecklyRequest(context)).isFalse();
    // Its answer follows from its headers alone: no attribute kept for it.
    assertThat(Collections.list(request.getAttributeNames())).isEmpty();
    assertThat(Context.current()).isSameAs(Context.root());
  }

  @Test
  void aChecklyRequestIsMarkedForTheTraceItsTraceparentNames() throws Exception {
    MockHttpServletRequest request =
        request("traceparent", TRACEPARENT, "tracestate", "checkly=true");
    run(request);
    Context context = this.seen.get(0);
    assertThat(ChecklyContext.isChecklyRequest(context)).isTrue();
    assertThat(ChecklyContext.isJudgedTrace(context, TRACE_ID, true)).isTrue();
    assertThat(ChecklyContext.isJudgedTrace(context, "1" + TRACE_ID.substring(1), true)).isFalse();
    // The same decision on the async dispatch, from what the first one kept.
    request.setDispatcherType(DispatcherType.ASYNC);
    request.removeHeader("tracestate");
    run(request);
    assertThat(ChecklyContext.isChecklyRequest(this.seen.get(1))).isTrue();
  }

  @Test
  void withoutPassingForeignContextOnItStillJudgesTheRequest() throws Exception {
    ChecklyTraceStateFilter closed = new ChecklyTraceStateFilter(0, this.matcher);
    MockHttpServletRequest request = request("traceparent", TRACEPARENT, "tracestate", "a=1");
    closed.doFilter(
        request, new MockHttpServletResponse(), (req, res) -> this.seen.add(Context.current()));
    Context context = this.seen.get(0);
    assertThat(Span.fromContext(context).getSpanContext().isValid()).isFalse();
    assertThat(ChecklyContext.foreignParent(context)).isEqualTo(SpanContext.getInvalid());
  }

  @Test
  void inStrictModeTheDecisionIsKeptWithTheRequest() throws Exception {
    ChecklyTraceStateFilter strict =
        new ChecklyTraceStateFilter(
            0, ChecklyRequestMatcher.withOriginSecret("X-Origin", "s3cret"), () -> PROPAGATORS);
    MockHttpServletRequest request =
        request("traceparent", TRACEPARENT, "tracestate", "checkly=true");
    strict.doFilter(request, new MockHttpServletResponse(), (req, res) -> {});
    assertThat(request.getAttribute(ChecklyServletRequests.CHECKLY_REQUEST_ATTRIBUTE))
        .isEqualTo(Boolean.FALSE);
  }

  @Test
  void onlyChecklyRequestsRunTheChecklyRequestFilterOnEachOfTheirDispatches() throws Exception {
    List<String> runs = new ArrayList<>();
    Filter tracing =
        (req, res, chain) -> {
          runs.add(
              req.getDispatcherType() + ":" + ChecklyContext.isChecklyRequest(Context.current()));
          chain.doFilter(req, res);
        };
    ChecklyTraceStateFilter boundary =
        new ChecklyTraceStateFilter(0, this.matcher, () -> PROPAGATORS, tracing);
    MockHttpServletRequest checkly =
        request("traceparent", TRACEPARENT, "tracestate", "checkly=true");
    for (DispatcherType type : ChecklyTraceStateFilter.DISPATCHER_TYPES) {
      checkly.setDispatcherType(type);
      boundary.doFilter(
          checkly, new MockHttpServletResponse(), (req, res) -> this.seen.add(Context.current()));
    }
    for (MockHttpServletRequest other :
        List.of(request(), request("traceparent", TRACEPARENT, "tracestate", "checkly=false"))) {
      boundary.doFilter(
          other, new MockHttpServletResponse(), (req, res) -> this.seen.add(Context.current()));
    }
    assertThat(runs).containsExactly("REQUEST:true", "ASYNC:true", "ERROR:true");
    // Every request, skipped or not, still reached the rest of the chain.
    assertThat(this.seen).hasSize(5);
  }

  @Test
  void passesTheContainersLifecycleOnToTheChecklyRequestFilter() throws Exception {
    List<String> calls = new ArrayList<>();
    Filter tracing =
        new Filter() {
          @Override
          public void init(FilterConfig config) {
            calls.add("init:" + config.getFilterName());
          }

          @Override
          public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) {}

          @Override
          public void destroy() {
            calls.add("destroy");
          }
        };
    ChecklyTraceStateFilter boundary =
        new ChecklyTraceStateFilter(0, this.matcher, () -> PROPAGATORS, tracing);
    boundary.init(new MockFilterConfig("checklyTraceStateFilter"));
    boundary.destroy();
    assertThat(calls).containsExactly("init:checklyTraceStateFilter", "destroy");
    assertThat(boundary.getChecklyRequestFilter()).isSameAs(tracing);
  }

  private void run(MockHttpServletRequest request) throws Exception {
    this.filter.doFilter(
        request, new MockHttpServletResponse(), (req, res) -> this.seen.add(Context.current()));
  }

  private static MockHttpServletRequest request(String... headers) {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
    for (int i = 0; i < headers.length; i += 2) {
      request.addHeader(headers[i], headers[i + 1]);
    }
    return request;
  }
}
