package io.github.checklyotel.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.checklyotel.propagation.internal.ChecklyContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The filter on a real Tomcat with a single worker thread, so that every request reuses the thread
 * of the one before: a mark left behind by one request would show in the next.
 */
@SpringBootTest(
    classes = ChecklyTraceStateFilterIntegrationTests.ProbeApplication.class,
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "server.tomcat.threads.max=1",
      "server.tomcat.threads.min-spare=1",
      // The error dispatch of /boom and the oversized header are provoked: Tomcat's report of
      // them, stack traces included, would only crowd the build's output.
      "logging.level.org.apache.catalina.core.ContainerBase=OFF",
      "logging.level.org.apache.coyote.http11.Http11Processor=WARN"
    })
class ChecklyTraceStateFilterIntegrationTests {

  /** What the probes saw, one entry per dispatch: "where:dispatcherType:marked". */
  static final Queue<String> seen = new ConcurrentLinkedQueue<>();

  private final HttpClient http = HttpClient.newHttpClient();

  static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

  static final String TRACEPARENT = "00-" + TRACE_ID + "-b7ad6b7169203331-01";

  @LocalServerPort int port;

  @Autowired ApplicationContext filters;

  @BeforeEach
  void clear() {
    seen.clear();
  }

  @Test
  void marksChecklyRequestAndLeavesNothingOnTheThread() throws Exception {
    for (int i = 0; i < 3; i++) {
      assertThat(get("/probe", "tracestate", "checkly=true").body()).isEqualTo("true");
      assertThat(get("/probe").body()).isEqualTo("false");
      assertThat(get("/probe", "tracestate", "checkly=false").body()).isEqualTo("false");
    }
    // Before our filter, on the reused thread, no request ever finds a mark.
    assertThat(seen)
        .filteredOn(entry -> entry.startsWith("outer:"))
        .hasSize(9)
        .allMatch(entry -> entry.endsWith(":false"));
  }

  @Test
  void tracesChecklyRequestWithOpenTelemetrysFilter() throws Exception {
    String body = get("/span", "traceparent", TRACEPARENT, "tracestate", "checkly=true").body();
    assertThat(body).isEqualTo(TRACE_ID + ":false:true");
  }

  @Test
  void otherRequestSkipsTracingButKeepsTheCallersContext() throws Exception {
    assertThat(get("/span", "traceparent", TRACEPARENT).body()).isEqualTo(TRACE_ID + ":true:false");
    assertThat(get("/span").body())
        .isEqualTo(SpanContext.getInvalid().getTraceId() + ":false:false");
  }

  @Test
  void openTelemetrysFilterRunsInsideTheBoundaryAlone() {
    assertThat(this.filters.getBean(ChecklyTraceStateFilter.class).getChecklyRequestFilter())
        .isSameAs(this.filters.getBean("otelWebMvcFilter"));
    // Tomcat itself never runs it: only the boundary does, for Checkly requests.
    ServletContext servletContext = ((WebApplicationContext) this.filters).getServletContext();
    assertThat(servletContext.getFilterRegistrations())
        .containsKey("checklyTraceStateFilterRegistration")
        .doesNotContainKey("otelWebMvcFilter");
  }

  @Test
  void combinesHeaderLines() throws Exception {
    HttpRequest request =
        request("/probe")
            .header("tracestate", "vendor=1")
            .header("tracestate", " checkly=true")
            .build();
    assertThat(this.http.send(request, HttpResponse.BodyHandlers.ofString()).body())
        .isEqualTo("true");
    // A bad member on any line makes the combined header invalid as a whole: no mark.
    HttpRequest invalid =
        request("/probe")
            .header("tracestate", "vendor=1")
            .header("tracestate", "Bad Member, checkly=true")
            .build();
    assertThat(this.http.send(invalid, HttpResponse.BodyHandlers.ofString()).body())
        .isEqualTo("false");
  }

  @Test
  void marksAsyncDispatchAndNothingAfterwards() throws Exception {
    assertThat(get("/async", "tracestate", "checkly=true").body()).isEqualTo("done");
    assertThat(get("/probe").body()).isEqualTo("false");
    assertThat(seen)
        .contains("inner:ASYNC:true")
        .filteredOn(entry -> entry.startsWith("outer:"))
        .allMatch(entry -> entry.endsWith(":false"));
  }

  @Test
  void marksErrorDispatchAndNothingAfterwards() throws Exception {
    assertThat(get("/boom", "tracestate", "checkly=true").statusCode()).isEqualTo(500);
    assertThat(get("/probe").body()).isEqualTo("false");
    assertThat(seen)
        .contains("inner:REQUEST:true", "inner:ERROR:true")
        .filteredOn(entry -> entry.startsWith("outer:"))
        .allMatch(entry -> entry.endsWith(":false"));
  }

  @Test
  void malformedHeadersAreOrdinaryRequests() throws Exception {
    List<String> tracestates =
        List.of("", ",,,", "=", "checkly", "checkly=tru\u00e9", "\u00ff\u00fe");
    for (String tracestate : tracestates) {
      String response =
          raw(
              "GET /probe HTTP/1.1\r\nHost: localhost\r\ntraceparent: 00-zz-yy-01\r\ntracestate: "
                  + tracestate
                  + "\r\nConnection: close\r\n\r\n");
      assertThat(response).startsWith("HTTP/1.1 200").endsWith("false");
    }
    String invalidAsAWhole =
        raw(
            "GET /probe HTTP/1.1\r\nHost: localhost\r\ntraceparent: not-a-traceparent\r\n"
                + "tracestate: \u00e9=\u00e9,checkly=true\r\nConnection: close\r\n\r\n");
    assertThat(invalidAsAWhole).startsWith("HTTP/1.1 200").endsWith("false");
    // The mark is honoured without a valid traceparent, starting a new trace.
    String checkly =
        raw(
            "GET /probe HTTP/1.1\r\nHost: localhost\r\ntraceparent: not-a-traceparent\r\n"
                + "tracestate: vendor=1,checkly=true\r\nConnection: close\r\n\r\n");
    assertThat(checkly).startsWith("HTTP/1.1 200").endsWith("true");
  }

  @Test
  void largeHeadersAreReadWholeAndOversizedOnesAreTomcatsToRefuse() throws Exception {
    StringBuilder large = new StringBuilder();
    for (int i = 0; i < 31; i++) {
      large.append("vendor").append(i).append('=').append("v".repeat(200)).append(',');
    }
    large.append("checkly=true");
    assertThat(large.length()).isGreaterThan(6000);
    assertThat(get("/probe", "tracestate", large.toString()).body()).isEqualTo("true");
    // One member more than the 32 the specification allows, and the header carries nothing.
    assertThat(get("/probe", "tracestate", "extra=1," + large).body()).isEqualTo("false");
    // Past Tomcat's 8 KB limit the request never reaches a filter: Tomcat answers 400 itself.
    HttpResponse<String> oversized =
        get("/probe", "tracestate", "a=b,".repeat(5000) + "checkly=true");
    assertThat(oversized.statusCode()).isEqualTo(400);
    assertThat(get("/probe", "tracestate", "checkly=true").body()).isEqualTo("true");
  }

  private HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request = request(path);
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
        .timeout(Duration.ofSeconds(10));
  }

  /** Sends bytes no HTTP client library would, such as non-ASCII header values in ISO-8859-1. */
  private String raw(String request) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  @SpringBootApplication
  @RestController
  static class ProbeApplication {

    @GetMapping("/probe")
    String probe() {
      return Boolean.toString(ChecklyContext.isChecklyRequest(Context.current()));
    }

    @GetMapping("/async")
    DeferredResult<String> async() {
      DeferredResult<String> result = new DeferredResult<>();
      CompletableFuture.runAsync(() -> result.setResult("done"));
      return result;
    }

    @GetMapping("/boom")
    String boom() {
      throw new IllegalStateException("boom");
    }

    /** The outer probe is a Tomcat valve: it runs before every filter, on the worker thread. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> outerProbe() {
      return factory ->
          factory.addContextValves(
              new ValveBase(true) {
                @Override
                public void invoke(Request request, Response response)
                    throws IOException, ServletException {
                  seen.add(
                      "outer:"
                          + request.getDispatcherType()
                          + ":"
                          + ChecklyContext.isChecklyRequest(Context.current()));
                  getNext().invoke(request, response);
                }
              });
    }

    @GetMapping("/span")
    String span() {
      SpanContext span = Span.current().getSpanContext();
      return span.getTraceId() + ":" + span.isRemote() + ":" + Span.current().isRecording();
    }

    @Bean
    FilterRegistrationBean<ProbeFilter> innerProbe() {
      FilterRegistrationBean<ProbeFilter> registration =
          new FilterRegistrationBean<>(new ProbeFilter("inner"));
      registration.setOrder(0);
      registration.setDispatcherTypes(
          DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
      return registration;
    }
  }

  /** Records whether the current context is marked, on every dispatch it sees. */
  static final class ProbeFilter extends OncePerRequestFilter {

    private final String where;

    ProbeFilter(String where) {
      this.where = where;
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
      return false;
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
      return false;
    }

    @Override
    protected void doFilterInternal(
        HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      seen.add(
          this.where
              + ":"
              + request.getDispatcherType()
              + ":"
              + ChecklyContext.isChecklyRequest(Context.current()));
      chain.doFilter(request, response);
    }

    @Override
    protected String getAlreadyFilteredAttributeName() {
      return ProbeFilter.class.getName() + "." + this.where + ".FILTERED";
    }
  }
}
