package io.github.checklyotel.web.internal;

import io.github.checklyotel.propagation.internal.W3CTraceContextPropagator;
import io.github.checklyotel.sampling.internal.ChecklyRequestMatcher;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.springframework.mock.web.MockFilterConfig;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * What the starter's servlet boundary adds to a request, against the bare chain: the work the
 * end-to-end benchmark cannot resolve against its own noise. OpenTelemetry's filter, which the
 * boundary runs for Checkly requests alone, is stood in for by one that does nothing, since
 * ordinary requests never reach it and Checkly's are traced anyway. The propagators are
 * OpenTelemetry's defaults ({@code tracecontext,baggage}) with this starter's tracecontext, as an
 * application gets them.
 *
 * <p>It sits in the starter's {@code web} package because the filters it measures are
 * package-private there: they are not API.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class ServletFiltersBenchmark {

  /**
   * The request's headers: none, another system's {@code traceparent} alone or with a two-line
   * {@code tracestate}, or Checkly's.
   */
  @Param({"plain", "foreign-traceparent", "foreign-tracestate", "checkly"})
  public String request;

  private final ContainerLikeRequest servletRequest = new ContainerLikeRequest();

  private final MockHttpServletResponse servletResponse = new MockHttpServletResponse();

  private ChecklyTraceStateFilter traceStateFilter;

  private Blackhole blackhole;

  private FilterChain application;

  @Setup
  public void setUp(Blackhole blackhole) throws ServletException {
    this.blackhole = blackhole;
    switch (this.request) {
      case "plain" -> {}
      case "foreign-traceparent" ->
          this.servletRequest.addHeader(
              "traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
      case "foreign-tracestate" -> {
        this.servletRequest.addHeader(
            "traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        this.servletRequest.addHeader("tracestate", "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE");
        this.servletRequest.addHeader("tracestate", "vendor@tenant=x");
      }
      case "checkly" -> {
        this.servletRequest.addHeader(
            "traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        this.servletRequest.addHeader("tracestate", "checkly=true");
      }
      default -> throw new IllegalArgumentException(this.request);
    }
    ChecklyRequestMatcher matcher = ChecklyRequestMatcher.tracestateOnly();
    TextMapPropagator propagators =
        TextMapPropagator.composite(
            W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance());
    Filter openTelemetryStandIn = (request, response, chain) -> chain.doFilter(request, response);
    this.traceStateFilter =
        new ChecklyTraceStateFilter(
            Integer.MIN_VALUE, matcher, () -> propagators, openTelemetryStandIn);
    this.traceStateFilter.init(new MockFilterConfig("checklyTraceStateFilter"));
    // The application: what it sees of the context, so that nothing is optimised away.
    this.application = (request, response) -> this.blackhole.consume(Context.current());
  }

  /** The request through the application alone. */
  @Benchmark
  public void bareChain() throws IOException, ServletException {
    this.application.doFilter(this.servletRequest, this.servletResponse);
    newRequest();
  }

  /** The same request through the starter's boundary first. */
  @Benchmark
  public void withChecklyFilters() throws IOException, ServletException {
    this.traceStateFilter.doFilter(this.servletRequest, this.servletResponse, this.application);
    newRequest();
  }

  /** Forgets the decision, as a new request would not have it. */
  private void newRequest() {
    this.servletRequest.removeAttribute(ChecklyServletRequests.CHECKLY_REQUEST_ATTRIBUTE);
  }
}
