package io.github.checklyotel.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checklyotel.propagation.ChecklyContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The wrapper runs its tracing filter for Checkly requests only, on every dispatch of them. */
class ChecklyOnlyFilterTest {

  private final List<String> delegateRuns = new ArrayList<>();

  private final Filter tracingFilter =
      (request, response, chain) -> {
        this.delegateRuns.add(((MockHttpServletRequest) request).getDispatcherType().name());
        chain.doFilter(request, response);
      };

  private final ChecklyOnlyFilter filter = new ChecklyOnlyFilter(this.tracingFilter, 7);

  @Test
  void checklyRequestRunsTheTracingFilterOnEveryDispatch() throws Exception {
    try (Scope ignored = ChecklyContext.markChecklyRequest(Context.root()).makeCurrent()) {
      for (DispatcherType type : DispatcherType.values()) {
        assertThat(filterReachesChain(type)).as("%s", type).isTrue();
      }
    }
    assertThat(this.delegateRuns)
        .containsExactly("FORWARD", "INCLUDE", "REQUEST", "ASYNC", "ERROR");
  }

  @Test
  void otherRequestsSkipItAndStillReachTheChain() throws Exception {
    assertThat(filterReachesChain(DispatcherType.REQUEST)).isTrue();
    try (Scope ignored = ChecklyContext.markForeignRequest(Context.root()).makeCurrent()) {
      assertThat(filterReachesChain(DispatcherType.REQUEST)).isTrue();
      assertThat(filterReachesChain(DispatcherType.ERROR)).isTrue();
    }
    assertThat(this.delegateRuns).isEmpty();
  }

  @Test
  void keepsTheDelegatesOrder() {
    assertThat(this.filter.getOrder()).isEqualTo(7);
    assertThat(this.filter.getDelegate()).isSameAs(this.tracingFilter);
  }

  private boolean filterReachesChain(DispatcherType type) throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/orders/1");
    request.setDispatcherType(type);
    MockFilterChain chain = new MockFilterChain();
    this.filter.doFilter(request, new MockHttpServletResponse(), chain);
    FilterChain reached = chain;
    return ((MockFilterChain) reached).getRequest() == request;
  }
}
